package com.keepwell.scoring.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.RiskReason;

class ReasonCatalogTest {

    @Test
    void keeps_the_strongest_risk_raising_contributions_in_words() {
        List<String> names = List.of("days_since_last_order", "returns_30d", "review_negative_tone_365d", "sessions_30d");
        float[] values = {74.4f, 2f, 0.91f, 12f};
        double[] phi = {0.8, 0.3, 0.5, -0.6, 1.2};

        List<RiskReason> reasons = ReasonCatalog.reasons(names, values, phi, 3);

        assertThat(reasons).extracting(RiskReason::code)
                .containsExactly("NO_RECENT_ORDER", "NEGATIVE_REVIEW_TONE", "RECENT_RETURNS");
        assertThat(reasons).extracting(RiskReason::text)
                .containsExactly("no order for 74 days", "negative review tone (91 %)", "2 returns in 30 days");
        assertThat(ReasonCatalog.reasons(names, values, phi, 1)).hasSize(1);
    }

    @Test
    void features_of_one_topic_make_one_reason_with_their_summed_contribution() {
        List<String> names = List.of("days_since_last_session", "sessions_30d", "sessions_90d",
                "days_since_last_order", "orders_90d", "days_since_last_login");
        float[] values = {Float.NaN, 0f, 0f, 214f, 0f, Float.NaN};
        // visits: 0.9 + 0.5 - 0.1 = 1.3; orders: 0.3 + 0.2 = 0.5; sign-in: 0.4
        double[] phi = {0.9, 0.5, -0.1, 0.3, 0.2, 0.4, 1.0};

        List<RiskReason> reasons = ReasonCatalog.reasons(names, values, phi, 3);

        assertThat(reasons).extracting(RiskReason::code)
                .containsExactly("NO_RECENT_VISIT", "NO_RECENT_ORDER", "NO_RECENT_LOGIN");
        assertThat(reasons).extracting(RiskReason::text)
                .containsExactly("no recorded visit", "no order for 214 days", "never signed in");
        assertThat(reasons).extracting(RiskReason::contribution).containsExactly(1.3, 0.5, 0.4);
        // a topic whose features cancel out raises nothing, even if one of them pushes up
        assertThat(ReasonCatalog.reasons(List.of("sessions_30d", "sessions_90d"), new float[] {0f, 9f},
                new double[] {0.3, -0.4, 0.0}, 3)).isEmpty();
    }

    @Test
    void a_missing_value_is_a_reason_of_its_own_and_protective_features_are_never_reasons() {
        List<RiskReason> reasons = ReasonCatalog.reasons(List.of("days_since_last_order", "sessions_30d"),
                new float[] {Float.NaN, 0f}, new double[] {0.4, -0.2, 0.0}, 3);
        assertThat(reasons).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("has never ordered");
            assertThat(r.value()).isNull();
        });
    }

    @Test
    void every_feature_reads_as_words_when_its_value_is_missing() {
        List<String> names = com.keepwell.scoring.features.FeatureSchema.V1.names();
        for (String name : names) {
            float[] values = new float[names.size()];
            java.util.Arrays.fill(values, Float.NaN);
            double[] phi = new double[names.size() + 1];
            phi[names.indexOf(name)] = 1;
            assertThat(ReasonCatalog.reasons(names, values, phi, 3)).singleElement()
                    .satisfies(r -> assertThat(r.text()).as(name).doesNotContain("NaN").doesNotContain("="));
        }
    }
}
