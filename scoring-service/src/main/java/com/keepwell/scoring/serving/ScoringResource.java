package com.keepwell.scoring.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.keepwell.domain.api.RiskReason;
import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;
import com.keepwell.scoring.features.FeatureSchema;

/**
 * Scores a feature vector on the serving model, through the micro-batcher: for operators checking a model ("what
 * would this customer score?") and for load tests. Features not given are missing (NaN), as in the projector.
 */
@Path("/api/scoring")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScoringResource {

    public record ScoreRequest(Map<String, Double> features) {
    }

    public record ScoreResponse(double score, String band, String modelVersion, List<RiskReason> reasons) {
    }

    @Inject
    ScoringEngine engine;

    @Inject
    ScoringSettings settings;

    @POST
    @Path("/score")
    public CompletionStage<ScoreResponse> score(ScoreRequest request) {
        FeatureSchema schema = FeatureSchema.V1;
        if (request == null || request.features() == null) {
            throw new ProblemException(Problem.of("score-request-invalid", "Invalid score request", 400,
                    "send {\"features\": {\"<name>\": <number>, …}} with names from " + schema.version()));
        }
        List<Problem.Error> errors = new ArrayList<>();
        float[] row = new float[schema.size()];
        java.util.Arrays.fill(row, Float.NaN);
        request.features().forEach((name, value) -> {
            int i = schema.names().indexOf(name);
            if (i < 0) {
                errors.add(new Problem.Error(null, "/features/" + name, "UNKNOWN_FEATURE",
                        name + " is not a feature of " + schema.version()));
            } else if (value != null) {
                row[i] = value.floatValue();
            }
        });
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("score-request-invalid", "Invalid score request", 422,
                    errors.size() + " unknown feature name(s); the schema lists " + schema.size() + " features")
                    .withErrors(errors));
        }
        return engine.score(row).thenApply(r -> new ScoreResponse(r.scored().probability(),
                settings.band().of(r.scored().probability()).name(), r.modelVersion(), r.scored().reasons()));
    }
}
