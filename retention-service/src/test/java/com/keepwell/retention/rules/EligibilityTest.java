package com.keepwell.retention.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.RiskBand;
import com.keepwell.retention.context.CustomerContext;

class EligibilityTest {

    private static final CustomerContext GOLD_BOOK_LOVER = new CustomerContext("c-1", 0.96, RiskBand.CRITICAL,
            List.of("NO_RECENT_ORDER", "NEGATIVE_REVIEW_TONE"), 400, 8, 620.0, 565.0, "GOLD", 95, 3, 6.5, 77.5, 2.5, "DE", "de",
            Map.of("EMAIL", true, "SMS", false), "books", Map.of("books", 0.7, "toys", 0.3), 1, 0.25);

    private static boolean admits(String expression) {
        Eligibility.Compiled compiled = Eligibility.compile(expression);
        assertThat(compiled.issues()).isEmpty();
        return Eligibility.test(compiled.program(), GOLD_BOOK_LOVER.toCel());
    }

    @Test
    void evaluates_expressions_over_every_documented_variable() {
        assertThat(admits("risk_score > 0.9 && risk_band == 'CRITICAL' && tier == 'GOLD'")).isTrue();
        assertThat(admits("'NEGATIVE_REVIEW_TONE' in reasons && open_tickets >= 1")).isTrue();
        assertThat(admits("consents['EMAIL'] && !consents['SMS']")).isTrue();
        assertThat(admits("category_share['books'] > 0.5 && top_category == 'books'")).isTrue();
        assertThat(admits("days_since_last_order > 90 && order_count >= 5 && tenure_days > 365")).isTrue();
        assertThat(admits("lifetime_value > 500.0 && value_estimate < 600.0 && coupon_share < 0.5")).isTrue();
        assertThat(admits("avg_order_value > 70.0 && mean_rating < 3.0 && days_since_last_visit <= 7")).isTrue();
        assertThat(admits("visits_per_month >= 6.0")).isTrue();
        assertThat(admits("country in ['FR', 'IT'] || language == 'en'")).isFalse();
    }

    @Test
    void a_missing_map_key_makes_the_customer_ineligible_instead_of_failing() {
        assertThat(admits("consents['PUSH']")).isFalse();
    }

    @Test
    void type_errors_and_unknown_names_are_reported_with_their_position() {
        Eligibility.Compiled unknown = Eligibility.compile("tier == 'GOLD' && lifetime_valu > 10.0");
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.line()).isEqualTo(1);
            assertThat(issue.column()).isEqualTo(19);
            assertThat(issue.message()).contains("lifetime_valu");
        });
        assertThat(Eligibility.compile("order_count > 'five'").issues()).isNotEmpty();
        assertThat(Eligibility.compile("risk_score").issues()).singleElement()
                .satisfies(issue -> assertThat(issue.message()).containsIgnoringCase("bool"));
        assertThat(Eligibility.compile("  ").issues()).singleElement()
                .satisfies(issue -> assertThat(issue.message()).contains("empty"));
    }

    @Test
    void the_starter_rules_are_valid_rules() {
        assertThat(StarterRules.load()).hasSize(5).allSatisfy(rule ->
                assertThat(RuleValidator.problems(rule)).as(rule.name()).isEmpty());
    }

    @Test
    void message_templates_refuse_unknown_fields_and_keep_personal_ones_for_the_provider() {
        assertThat(MessageTemplate.unknownFields("Hi {{first_name}}, {{ coupon_code }} {{nick}}"))
                .containsExactly("nick");
        assertThat(MessageTemplate.render("Hi {{first_name}}, use {{coupon_code}}", Map.of("coupon_code", "K-1")))
                .isEqualTo("Hi {{first_name}}, use K-1");
    }
}
