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
