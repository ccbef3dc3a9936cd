package com.keepwell.infra.web;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 (formerly 7807) problem details document. {@code errors} lists every individual problem, each
 * pointing at the offending place, so a client can fix all of them in one go.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<Error> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://keepwell.dev/problems/";

    /** One problem: where ({@code index} of the item in a batch, JSON {@code pointer} inside it) and what. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(Integer index, String pointer, String code, String detail) {
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, null, null);
    }

    public Problem withErrors(List<Error> errors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(errors));
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
