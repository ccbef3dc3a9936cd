package com.keepwell.infra.web;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
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
    /** How converters quote the input they could not read: {@code For input string: "abc"}. */
    private static final Pattern QUOTED_INPUT = Pattern.compile("\"(.*)\"");

    @ServerExceptionMapper
    public Response problem(ProblemException e, @Context UriInfo uri) {
        return e.problem().at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, @Context UriInfo uri, ContainerRequestContext request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableBody(json, uri);
            }
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            return unreadableParameter(e.getCause(), uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = e.getMessage();
        if (e instanceof NotAllowedException) {
            detail = e.getResponse().getAllowedMethods().isEmpty() ? "this path does not take " + request.getMethod()
                    : "this path takes " + String.join(", ", new TreeSet<>(e.getResponse().getAllowedMethods()))
                            + ", not " + request.getMethod();
        } else if (e instanceof NotSupportedException) {
            detail = "the body's Content-Type (" + request.getHeaderString("Content-Type") + ") is not one this path"
                    + " takes: JSON bodies are sent as application/json, model uploads as application/zip";
        }
        return Problem.of("http-" + status, title, status, detail).at(uri.getPath()).toResponse();
    }

    /**
     * A query or path parameter that could not be converted to its type ({@code limit=abc}). JAX-RS answers 404 with
     * the conversion failure as the cause, which reads as "no such resource"; it is a bad request, and the person
     * needs to know which parameter. The exception does not name it, so it is found by its value.
     */
    private static Response unreadableParameter(Throwable cause, UriInfo uri) {
        Matcher quoted = QUOTED_INPUT.matcher(String.valueOf(cause.getMessage()));
        String value = quoted.find() ? quoted.group(1) : null;
        String name = value == null ? null : nameOf(value, uri.getQueryParameters(), uri.getPathParameters());
        String what = cause instanceof NumberFormatException ? "is not a number" : "cannot be read ("
                + cause.getMessage() + ")";
        String detail = name == null ? "a parameter of this request " + what + "; check the query string against the"
                + " API's documentation" : "parameter '" + name + "' is '" + value + "', which " + what;
        Problem problem = Problem.of("invalid-parameter", "Invalid parameter", 400, detail);
        if (name != null) {
            problem = problem.withErrors(List.of(new Problem.Error(null, name, "invalid", detail)));
        }
        return problem.at(uri.getPath()).toResponse();
    }

    private static String nameOf(String value, MultivaluedMap<String, String> query,
            MultivaluedMap<String, String> path) {
        for (MultivaluedMap<String, String> parameters : List.of(query, path)) {
            for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
                if (p.getValue().stream().anyMatch(v -> v != null && v.strip().equals(value))) {
                    return p.getKey();
                }
            }
        }
        return null;
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
