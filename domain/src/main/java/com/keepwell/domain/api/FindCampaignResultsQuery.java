package com.keepwell.domain.api;

/** Campaign results of every rule and of all rules together; answered by {@link CampaignResultsView}. */
public record FindCampaignResultsQuery() {
}
