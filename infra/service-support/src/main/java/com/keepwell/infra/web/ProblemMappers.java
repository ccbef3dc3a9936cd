package com.keepwell.infra.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a REST endpoint of this process answers is problem details, never an HTML page or a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, @Context UriInfo uri) {
        return e.problem().at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, @Context UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableBody(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return Problem.of("http-" + status, title, status, e.getMessage()).at(uri.getPath()).toResponse();
    }

    /** JSON of the wrong shape (Quarkus maps this type itself otherwise, without problem details). */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, @Context UriInfo uri) {
        return unreadableBody(e, uri);
    }

    /** Not JSON at all (Quarkus maps this type itself otherwise, without problem details). */
    @ServerExceptionMapper
    public Response notJson(JsonParseException e, @Context UriInfo uri) {
        return unreadableBody(e, uri);
    }

    /** A request body that is not JSON, or JSON of the wrong shape: the field and what was wrong with it. */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, @Context UriInfo uri) {
        String pointer = "";
        if (e instanceof JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                path.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
            }
            pointer = path.toString();
        }
        String detail = e.getOriginalMessage();
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            detail = "'" + invalid.getValue() + "' is not one of "
                    + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        Problem problem = Problem.of("unreadable-body", "Unreadable request body", 400,
                pointer.isEmpty() ? "the body is not valid JSON: " + detail : "field " + pointer + ": " + detail);
        if (!pointer.isEmpty()) {
            problem = problem.withErrors(java.util.List.of(new Problem.Error(null, pointer, "invalid-value", detail)));
        }
        return problem.at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, @Context UriInfo uri) {
        LOG.errorf(e, "unexpected failure serving %s", uri.getPath());
        return Problem.of("internal-error", "Internal error", 500,
                "The request could not be completed because of an internal error; it has been logged. "
                        + "Retrying later is safe: ingestion is idempotent on event ids.")
                .at(uri.getPath()).toResponse();
    }
}
