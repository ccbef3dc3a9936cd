package com.keepwell.domain.storefront;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every storefront event type the platform accepts: the CloudEvents {@code type} attribute, the Segment
 * e-commerce v2 (or Segment spec) name it follows where one exists, and the record its {@code data} binds to.
 */
public enum StorefrontEventType {
    CUSTOMER_REGISTERED("customer.registered", "Signed Up", CustomerRegistered.class),
    CUSTOMER_SIGNED_IN("customer.signed_in", "Signed In", CustomerSignedIn.class),
    PAGE_VIEWED("page.viewed", "Page", PageViewed.class),
    PRODUCT_VIEWED("product.viewed", "Product Viewed", ProductViewed.class),
    SESSION_ENDED("session.ended", null, SessionEnded.class),
    PRODUCT_ADDED("product.added", "Product Added", ProductAdded.class),
    PRODUCT_REMOVED("product.removed", "Product Removed", ProductRemoved.class),
    CHECKOUT_STARTED("checkout.started", "Checkout Started", CheckoutStarted.class),
    ORDER_COMPLETED("order.completed", "Order Completed", OrderCompleted.class),
    ORDER_REFUNDED("order.refunded", "Order Refunded", OrderRefunded.class),
    ORDER_CANCELLED("order.cancelled", "Order Cancelled", OrderCancelled.class),
    PRODUCT_REVIEWED("product.reviewed", "Product Reviewed", ProductReviewed.class),
    SUPPORT_TICKET_OPENED("support_ticket.opened", null, SupportTicketOpened.class),
    SUPPORT_TICKET_RESOLVED("support_ticket.resolved", null, SupportTicketResolved.class),
    MARKETING_CONSENT_CHANGED("marketing_consent.changed", null, MarketingConsentChanged.class),
    COUPON_APPLIED("coupon.applied", "Coupon Applied", CouponApplied.class),
    ACCOUNT_CLOSED("account.closed", null, AccountClosed.class);

    private static final Map<String, StorefrontEventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(StorefrontEventType::type, Function.identity()));

    private final String type;
    private final String segmentName;
    private final Class<?> dataType;

    StorefrontEventType(String type, String segmentName, Class<?> dataType) {
        this.type = type;
        this.segmentName = segmentName;
        this.dataType = dataType;
    }

    public static Optional<StorefrontEventType> ofType(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    public String type() {
        return type;
    }

    /** The Segment spec event name this type follows, or {@code null} where Segment has none. */
    public String segmentName() {
        return segmentName;
    }

    public Class<?> dataType() {
        return dataType;
    }

    public boolean isClickstream() {
        return ClickstreamData.class.isAssignableFrom(dataType);
    }
}
