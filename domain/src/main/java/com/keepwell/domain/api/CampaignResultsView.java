package com.keepwell.domain.api;

import java.util.List;

/** Every rule's campaign result and the total over all rules. */
public record CampaignResultsView(List<CampaignResultView> rules, CampaignResultView total) {
}
