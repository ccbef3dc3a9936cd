package com.keepwell.readmodels.admin;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.keepwell.infra.axon.RebuildableProjections;
import com.keepwell.readmodels.activity.TimelineProjection;
import com.keepwell.readmodels.campaign.CampaignProjection;
import com.keepwell.readmodels.customer.CustomerSummaryProjection;
import com.keepwell.readmodels.monitoring.ModelMonitoringProjection;

import io.quarkus.arc.Unremovable;

/** The read models operators may rebuild (docs/read-models.md). */
@ApplicationScoped
@Unremovable
public class ReadModelProjections implements RebuildableProjections {

    @Override
    public List<String> processors() {
        return List.of(CustomerSummaryProjection.PROCESSOR, TimelineProjection.PROCESSOR,
                CampaignProjection.PROCESSOR, ModelMonitoringProjection.PROCESSOR);
    }
}
