package com.keepwell.domain.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.CustomerRegisteredEvent;
import com.keepwell.domain.api.OrderPlacedEvent;
import com.keepwell.domain.api.PersonalData;
import com.keepwell.domain.api.ProductReviewedEvent;
import com.keepwell.domain.api.SupportTicketOpenedEvent;

class PersonalDataMarksTest {

    @Test
    void the_contract_marks_exactly_the_fields_that_identify_a_person() {
        Set<String> marked = new TreeSet<>();
        for (StorefrontEventType type : StorefrontEventType.values()) {
            collect(type.dataType(), type.type(), marked);
        }
        assertThat(marked).containsExactlyInAnyOrder(
                "customer.registered.email", "customer.registered.fullName", "customer.registered.phone",
                "customer.registered.address.line1", "customer.registered.address.line2",
                "customer.registered.address.city", "customer.registered.address.postalCode",
                "order.completed.shippingAddress.line1", "order.completed.shippingAddress.line2",
                "order.completed.shippingAddress.city", "order.completed.shippingAddress.postalCode",
                "product.reviewed.text", "support_ticket.opened.text");
    }

    @Test
    void stored_events_keep_the_marks() {
        Set<String> marked = new TreeSet<>();
        for (Class<?> event : new Class<?>[] {CustomerRegisteredEvent.class, OrderPlacedEvent.class,
                ProductReviewedEvent.class, SupportTicketOpenedEvent.class}) {
            collect(event, event.getSimpleName(), marked);
        }
        assertThat(marked).contains("CustomerRegisteredEvent.email", "CustomerRegisteredEvent.address.line1",
                "OrderPlacedEvent.shippingAddress.city", "ProductReviewedEvent.text", "SupportTicketOpenedEvent.text");
    }

    private static void collect(Class<?> type, String prefix, Set<String> marked) {
        if (!type.isRecord()) {
            return;
        }
        Arrays.stream(type.getRecordComponents()).forEach((RecordComponent component) -> {
            String path = prefix + "." + component.getName();
            if (component.isAnnotationPresent(PersonalData.class)) {
                marked.add(path);
            }
            if (component.getType().isRecord() && component.getType().getPackageName().startsWith("com.keepwell")) {
                collect(component.getType(), path, marked);
            }
        });
    }
}
