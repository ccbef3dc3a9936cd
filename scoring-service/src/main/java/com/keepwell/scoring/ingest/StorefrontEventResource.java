package com.keepwell.scoring.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.storefront.StorefrontEvent;
import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;

/**
 * HTTP ingestion for shops without Kafka, and for tests: one CloudEvent or a JSON array of them. A request is
 * all or nothing: if any event is invalid (400) or refused by its customer's history (422), nothing is
 * recorded and the answer lists every problem, each with the index of its event.
 */
@Path("/api/events")
public class StorefrontEventResource {

    static final int MAX_BATCH = 1000;

    /** How many events of the request ended how. */
    public record IngestResult(int received, int recorded, int duplicates, int buffered) {
    }

    private final StorefrontEventParser parser;
    private final StorefrontIngestion ingestion;
    private final ObjectMapper mapper;

    @Inject
    StorefrontEventResource(StorefrontEventParser parser, StorefrontIngestion ingestion, ObjectMapper mapper) {
        this.parser = parser;
        this.ingestion = ingestion;
        this.mapper = mapper;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/cloudevents+json", "application/cloudevents-batch+json"})
    @Produces(MediaType.APPLICATION_JSON)
    public IngestResult post(byte[] body) {
        List<JsonNode> items = items(body);
        List<StorefrontEvent> events = new ArrayList<>(items.size());
        List<Problem.Error> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ParsedEvent parsed = parser.parse(items.get(i));
            if (parsed.isValid()) {
                events.add(parsed.event());
            } else {
                for (Violation v : parsed.violations()) {
                    errors.add(new Problem.Error(i, v.pointer(), "INVALID_EVENT", v.message()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("invalid-storefront-event", "Invalid storefront event", 400,
                    errors.size() + " problem(s) in " + items.size() + " event(s); nothing was recorded. "
                            + "See docs/events.md for the contract.").withErrors(errors));
        }
        List<Outcome> outcomes;
        try {
            outcomes = ingestion.ingestAllOrNothing(events);
        } catch (StorefrontIngestion.BatchRefusedException e) {
            throw new ProblemException(refused(e.outcomes()));
        }
        return new IngestResult(events.size(), count(outcomes, Outcome.Kind.RECORDED),
                count(outcomes, Outcome.Kind.DUPLICATE), count(outcomes, Outcome.Kind.BUFFERED));
    }

    private List<JsonNode> items(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw new ProblemException(Problem.of("malformed-json", "Malformed JSON", 400,
                    "The body is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (root == null) {
            throw new ProblemException(Problem.of("empty-body", "Empty body", 400,
                    "Send one CloudEvent JSON object, or a JSON array of them."));
        }
        if (!root.isArray()) {
            return List.of(root);
        }
        if (root.size() > MAX_BATCH) {
            throw new ProblemException(Problem.of("batch-too-large", "Batch too large", 413,
                    "The batch has " + root.size() + " events; send at most " + MAX_BATCH + " per request."));
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    private static Problem refused(List<Outcome> outcomes) {
        List<Problem.Error> errors = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.isRejected()) {
                errors.add(new Problem.Error(i, "", outcome.code().name(), outcome.reason()));
            }
        }
        return Problem.of("storefront-event-refused", "Storefront event refused", 422,
                errors.size() + " event(s) contradict the customer's recorded history; nothing was recorded.")
                .withErrors(errors);
    }

    private static int count(List<Outcome> outcomes, Outcome.Kind kind) {
        return (int) outcomes.stream().filter(o -> o.kind() == kind).count();
    }
}
