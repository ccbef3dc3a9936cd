package com.keepwell.readmodels.admin;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.keepwell.infra.axon.Processors;
import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;
import com.keepwell.readmodels.activity.TimelineProjection;
import com.keepwell.readmodels.campaign.CampaignProjection;
import com.keepwell.readmodels.customer.CustomerSummaryProjection;
import com.keepwell.readmodels.monitoring.ModelMonitoringProjection;

/**
 * The read models' processors for operators: how fresh each is, and a rebuild (reset the token, clear the tables,
 * replay the event store) whose progress {@code GET /api/admin/projections/{name}} reports.
 */
@Path("/api/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionResource {

    /** The read models this module owns; other processors (features, sagas, outbox) are not to be replayed from here. */
    public static final List<String> PROJECTIONS = List.of(CustomerSummaryProjection.PROCESSOR,
            TimelineProjection.PROCESSOR, CampaignProjection.PROCESSOR, ModelMonitoringProjection.PROCESSOR);

    private final Processors processors;

    @Inject
    ProjectionResource(Processors processors) {
        this.processors = processors;
    }

    @GET
    public List<Processors.State> list() {
        return processors.states(PROJECTIONS);
    }

    @GET
    @Path("/{name}")
    public Processors.State get(@PathParam("name") String name) {
        return processors.state(known(name)).orElseThrow(() -> notRunningHere(name));
    }

    /** Starts a rebuild and answers 202 with the processor's state; poll the processor for the replay's progress. */
    @POST
    @Path("/{name}/rebuild")
    public Response rebuild(@PathParam("name") String name) {
        processors.state(known(name)).orElseThrow(() -> notRunningHere(name));
        Processors.State started;
        try {
            started = processors.rebuild(name);
        } catch (IllegalStateException e) {
            throw new ProblemException(Problem.of("projection-not-reset", "Projection could not be reset", 409,
                    e.getMessage()));
        }
        return Response.accepted(started)
                .location(java.net.URI.create("/api/admin/projections/" + name)).build();
    }

    private static String known(String name) {
        if (!PROJECTIONS.contains(name)) {
            throw new ProblemException(Problem.of("projection-not-found", "No such projection", 404,
                    "'" + name + "' is not a read model of this service; the read models are " + PROJECTIONS));
        }
        return name;
    }

    private static ProblemException notRunningHere(String name) {
        return new ProblemException(Problem.of("projection-not-running", "Projection not running here", 409,
                "The processor '" + name + "' is not running in this process"));
    }
}
