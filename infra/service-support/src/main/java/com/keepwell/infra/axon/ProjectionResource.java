package com.keepwell.infra.axon;

import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;

/**
 * The projections of the services in this process, for operators: how fresh each is, and a rebuild (reset the
 * token, clear the tables, replay the event store) whose progress {@code GET /api/admin/projections/{name}} reports.
 * Each service names its projections in a {@link RebuildableProjections} bean.
 */
@Path("/api/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionResource {

    private final Processors processors;
    /** The projections the services in this process declare; other processors are not replayed from here. */
    private final List<String> projections;

    @Inject
    ProjectionResource(Processors processors, Instance<RebuildableProjections> declared) {
        this.processors = processors;
        this.projections = declared.stream().flatMap(d -> d.processors().stream()).distinct().toList();
    }

    @GET
    public List<Processors.State> list() {
        return processors.states(projections);
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

    private String known(String name) {
        if (!projections.contains(name)) {
            throw new ProblemException(Problem.of("projection-not-found", "No such projection", 404,
                    "'" + name + "' is not a projection of this service; its projections are " + projections));
        }
        return name;
    }

    private static ProblemException notRunningHere(String name) {
        return new ProblemException(Problem.of("projection-not-running", "Projection not running here", 409,
                "The processor '" + name + "' is not running in this process"));
    }
}
