package com.keepwell.domain.api;

import java.util.Objects;

/** Campaign results of one rule, by risk band; answered by an optional {@link CampaignResultView}. */
public record FindCampaignResultQuery(RuleId ruleId) {

    public FindCampaignResultQuery {
        Objects.requireNonNull(ruleId, "rule id");
    }
}
