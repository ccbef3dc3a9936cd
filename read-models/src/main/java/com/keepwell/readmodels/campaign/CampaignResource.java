package com.keepwell.readmodels.campaign;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import com.keepwell.domain.api.CampaignResultView;
import com.keepwell.domain.api.CampaignResultsView;
import com.keepwell.domain.api.FindCampaignResultQuery;
import com.keepwell.domain.api.FindCampaignResultsQuery;
import com.keepwell.domain.api.RuleId;
import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;

/** Campaign results for marketers: treated against holdout per offer rule, from the read model only. */
@Path("/api/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final QueryGateway queries;

    @Inject
    CampaignResource(QueryGateway queries) {
        this.queries = queries;
    }

    @GET
    public CampaignResultsView all() {
        return queries.query(new FindCampaignResultsQuery(), CampaignResultsView.class).join();
    }

    @GET
    @Path("/{ruleId}")
    public CampaignResultView one(@PathParam("ruleId") String ruleId) {
        RuleId id;
        try {
            id = RuleId.of(ruleId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of("invalid-rule-id", "Invalid rule id", 400, e.getMessage()));
        }
        Optional<CampaignResultView> result = queries.query(new FindCampaignResultQuery(id),
                ResponseTypes.optionalInstanceOf(CampaignResultView.class)).join();
        return result.orElseThrow(() -> new ProblemException(Problem.of("campaign-not-found", "No results for this rule",
                404, "no retention case has been assigned under rule '" + ruleId + "' yet; results appear once the"
                        + " rule has treated or held out a customer (GET /api/rules lists the rules)")));
    }
}
