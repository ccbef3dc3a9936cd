package com.keepwell.readmodels.monitoring;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.axonframework.queryhandling.QueryGateway;

import com.keepwell.domain.api.FindModelMonitoringQuery;
import com.keepwell.domain.api.ModelMonitoringView;
import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;

/** Served scores over time, per model version, for operators. */
@Path("/api/models/monitoring")
@Produces(MediaType.APPLICATION_JSON)
public class ModelMonitoringResource {

    private final QueryGateway queries;

    @Inject
    ModelMonitoringResource(QueryGateway queries) {
        this.queries = queries;
    }

    /** {@code ?days=30}: the last 30 days that have assessments, per day and model version. */
    @GET
    public ModelMonitoringView monitoring(@QueryParam("days") @DefaultValue("30") int days) {
        if (days < 1 || days > 366) {
            throw new ProblemException(Problem.of("invalid-monitoring-query", "Invalid monitoring query", 400,
                    "days must be 1-366, got " + days).withErrors(java.util.List.of(
                            new Problem.Error(null, "days", "invalid", "days must be 1-366"))));
        }
        return queries.query(new FindModelMonitoringQuery(days), ModelMonitoringView.class).join();
    }
}
