package com.keepwell.retention.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.IncentiveType;
import com.keepwell.retention.saga.RetentionSettings;

class RuleBookTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    /** The rule table, as the store lists it; tests change it as a marketer (or another instance) would. */
    private final List<RuleView> table = new ArrayList<>();
    private int listed;

    private final RuleStore store = new RuleStore(null, null, null) {
        @Override
        public List<RuleView> list() {
            listed++;
            return List.copyOf(table);
        }
    };

    private static RuleView version(String ruleId, int version, String eligibility) {
        return new RuleView(ruleId, version, NOW, "marketer", null, new RuleDefinition(ruleId, 10, true, null, null,
                eligibility, IncentiveType.FREE_SHIPPING, null, null, null, ContactChannel.EMAIL, "free shipping",
                14, "EUR", new BigDecimal("4.90"), new BigDecimal("1000"), new BigDecimal("100"), 0.1, 0.1));
    }

    private static RetentionSettings refreshEvery(Duration interval) {
        return (RetentionSettings) Proxy.newProxyInstance(RuleBookTest.class.getClassLoader(),
                new Class<?>[] {RetentionSettings.class}, (proxy, method, args) -> {
                    if (method.getName().equals("ruleRefreshInterval")) {
                        return interval;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void a_reload_reuses_the_compiled_expression_of_an_unchanged_rule_and_compiles_a_changed_one() {
        RuleBook book = new RuleBook(store, refreshEvery(Duration.ZERO));
        table.add(version("rule-a", 1, "risk_score > 0.9"));
        table.add(version("rule-b", 1, "order_count >= 3"));
        List<RuleBook.ActiveRule> first = book.activeAt(NOW);

        table.set(1, version("rule-b", 2, "order_count >= 5"));
        List<RuleBook.ActiveRule> second = book.activeAt(NOW.plusSeconds(1));

        assertThat(listed).as("every call past the refresh interval reads the table again").isEqualTo(2);
        assertThat(second.get(0).eligibility()).isSameAs(first.get(0).eligibility());
        assertThat(second.get(1).version()).isEqualTo(2);
        assertThat(second.get(1).eligibility()).isNotSameAs(first.get(1).eligibility());
    }

    @Test
    void a_rule_saved_here_is_in_force_at_the_next_decision_and_the_table_is_not_reread_before_that() {
        RuleBook book = new RuleBook(store, refreshEvery(Duration.ofHours(1)));
        table.add(version("rule-a", 1, "risk_score > 0.9"));
        assertThat(book.activeAt(NOW)).extracting(RuleBook.ActiveRule::version).containsExactly(1);

        table.set(0, version("rule-a", 2, "risk_score > 0.8"));
        assertThat(book.activeAt(NOW)).extracting(RuleBook.ActiveRule::version).containsExactly(1);
        assertThat(listed).isEqualTo(1);

        book.invalidate();
        assertThat(book.activeAt(NOW)).extracting(RuleBook.ActiveRule::version).containsExactly(2);
        assertThat(listed).isEqualTo(2);
    }

    @Test
    void a_rule_whose_expression_no_longer_compiles_is_left_out_not_fatal() {
        RuleBook book = new RuleBook(store, refreshEvery(Duration.ZERO));
        table.add(version("rule-a", 1, "risk_score > 0.9"));
        table.add(version("rule-b", 1, "no_such_variable > 1"));
        assertThat(book.activeAt(NOW)).extracting(RuleBook.ActiveRule::ruleId).containsExactly("rule-a");
    }
}
