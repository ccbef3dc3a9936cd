package com.keepwell.infra.axon;

import java.io.IOException;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.OfferId;
import com.keepwell.domain.api.OrderId;
import com.keepwell.domain.api.RetentionCaseId;
import com.keepwell.domain.api.RuleId;
import com.keepwell.domain.api.ProductId;
import com.keepwell.domain.api.SessionId;
import com.keepwell.domain.api.StorefrontEventId;
import com.keepwell.domain.api.TicketId;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Writes the domain's typed ids as plain JSON strings ({@code "c-42"}, not {@code {"value":"c-42"}}), in REST
 * answers and in stored events alike: Axon's serializer is built from this same mapper.
 */
@Singleton
public class TypedIdJackson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule ids = new SimpleModule("keepwell-typed-ids");
        register(ids, CustomerId.class, CustomerId::of);
        register(ids, OrderId.class, OrderId::of);
        register(ids, ProductId.class, ProductId::of);
        register(ids, SessionId.class, SessionId::of);
        register(ids, TicketId.class, TicketId::of);
        register(ids, StorefrontEventId.class, StorefrontEventId::of);
        register(ids, OfferId.class, OfferId::of);
        register(ids, RuleId.class, RuleId::of);
        register(ids, RetentionCaseId.class, RetentionCaseId::of);
        mapper.registerModule(ids);
    }

    private static <T> void register(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, ToStringSerializer.instance);
        module.addDeserializer(type, new StdScalarDeserializer<T>(type) {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        });
    }
}
