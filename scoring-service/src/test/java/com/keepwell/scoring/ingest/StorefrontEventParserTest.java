package com.keepwell.scoring.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Validation;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.keepwell.domain.api.RecordOrderCommand;
import com.keepwell.domain.storefront.OrderCompleted;
import com.keepwell.domain.storefront.StorefrontEventData;
import com.keepwell.domain.storefront.StorefrontEventType;

class StorefrontEventParserTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final StorefrontEventParser parser = new StorefrontEventParser(
            new ObjectMapper().registerModule(new JavaTimeModule()),
            Validation.buildDefaultValidatorFactory().getValidator(), Duration.ofMinutes(5),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private ParsedEvent parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String order(String time, String data) {
        return """
                {"specversion":"1.0","id":"e-1","source":"/shop","type":"order.completed","time":"%s",
                 "subject":"c-1","data":%s}""".formatted(time, data);
    }

    @Test
    void every_example_in_the_contract_documentation_is_valid_and_every_type_has_one() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "events.md"));
        Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<StorefrontEventType> documented = new ArrayList<>();
        while (blocks.find()) {
            ParsedEvent parsed = parse(blocks.group(1));
            assertThat(parsed.violations()).as(blocks.group(1)).isEmpty();
            documented.add(parsed.event().type());
        }
        assertThat(documented).containsExactlyInAnyOrder(StorefrontEventType.values());
    }

    @Test
    void a_valid_order_binds_to_its_data_record_and_becomes_a_command() {
        ParsedEvent parsed = parse(order("2026-03-01T11:00:00+01:00", """
                {"orderId":"o-1","total":"19.90","currency":"EUR","unknownField":"ignored",
                 "products":[{"productId":"p-1","quantity":1,"price":19.90}]}"""));

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.event().time()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(parsed.event().data()).isInstanceOf(OrderCompleted.class);
        var command = (RecordOrderCommand) ((StorefrontEventData) parsed.event().data()).toCommand(parsed.event().header());
        assertThat(command.total().amount()).isEqualByComparingTo("19.90");
        assertThat(command.lines()).hasSize(1);
    }

    @Test
    void reports_every_violation_with_a_pointer_not_just_the_first() {
        ParsedEvent parsed = parse("""
                {"specversion":"0.3","id":"","type":"order.completed","time":"2026-03-01T10:00:00Z","subject":"c 1",
                 "data":{"orderId":"","total":-1,"currency":"eur","products":[{"productId":"p","quantity":0,"price":1}]}}""");

        assertThat(parsed.violations()).extracting(Violation::pointer).containsExactlyInAnyOrder(
                "/specversion", "/id", "/source", "/subject",
                "/data/orderId", "/data/total", "/data/currency", "/data/products/0/quantity");
    }

    @Test
    void an_unknown_type_names_the_known_ones() {
        ParsedEvent parsed = parse("""
                {"specversion":"1.0","id":"e","source":"/s","type":"cart.exploded","time":"2026-03-01T10:00:00Z",
                 "subject":"c-1","data":{}}""");

        assertThat(parsed.violations()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/type");
            assertThat(v.message()).contains("unknown event type 'cart.exploded'").contains("order.completed");
        });
    }

    @Test
    void a_time_beyond_the_clock_skew_is_refused_and_one_within_it_accepted() {
        String data = "{\"orderId\":\"o-1\",\"total\":1,\"currency\":\"EUR\"}";
        assertThat(parse(order("2026-03-01T12:04:59Z", data)).isValid()).isTrue();
        assertThat(parse(order("2026-03-01T12:05:01Z", data)).violations())
                .extracting(Violation::pointer).containsExactly("/time");
        assertThat(parse(order("yesterday", data)).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("RFC 3339"));
    }

    @Test
    void a_currency_that_looks_right_but_does_not_exist_is_refused() {
        assertThat(parse(order("2026-03-01T10:00:00Z", "{\"orderId\":\"o-1\",\"total\":1,\"currency\":\"ABC\"}"))
                .violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("ISO 4217"));
    }

    @Test
    void wrongly_typed_data_is_reported_at_its_field() {
        assertThat(parse(order("2026-03-01T10:00:00Z", "{\"orderId\":\"o-1\",\"total\":\"lots\",\"currency\":\"EUR\"}"))
                .violations()).singleElement()
                .satisfies(v -> assertThat(v.pointer()).isEqualTo("/data/total"));
    }

    @Test
    void non_json_non_objects_empty_and_oversized_events_are_refused() {
        assertThat(parse("{not json").reason()).contains("is not valid JSON");
        assertThat(parse("[1,2]").reason()).contains("must be a JSON object");
        assertThat(parser.parse(new byte[0]).reason()).contains("is empty");
        byte[] huge = new byte[StorefrontEventParser.MAX_EVENT_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        assertThat(parser.parse(huge).reason()).contains("at most " + StorefrontEventParser.MAX_EVENT_BYTES);
    }

    @Test
    void property_paths_become_json_pointers() {
        assertThat(StorefrontEventParser.pointer("products[3].price")).isEqualTo("/products/3/price");
        assertThat(StorefrontEventParser.pointer("shippingAddress.country")).isEqualTo("/shippingAddress/country");
        assertThat(StorefrontEventParser.pointer("")).isEmpty();
    }
}
