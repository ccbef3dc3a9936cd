package com.keepwell.retention.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.keepwell.domain.api.RiskBand;
import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;
import com.keepwell.infra.axon.ProjectionRebuilding;
import com.keepwell.retention.context.CustomerContexts;
import com.keepwell.retention.saga.RetentionSettings;

import dev.cel.runtime.CelRuntime;

/**
 * The marketers' offer rules: create, update (each save a new version, with who and why), list, version history,
 * validation while typing, and a dry run that answers how many customers a rule would reach now and at what
 * expected cost. Who made a change comes from the {@code X-Keepwell-User} header (set by the console or the
 * gateway in front of it).
 */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    /** A rule's validation result: valid, or the problems with pointers. */
    public record Validation(boolean valid, List<Problem.Error> errors) {
    }

    /**
     * What a rule would do if it ran now: {@code reach} counts the customers in an actionable band whom its
     * eligibility admits and who consent to its channel.
     */
    public record DryRun(long reach, Map<RiskBand, Long> reachByBand, long expectedTreated, long expectedHoldout,
            double redemptionRate, BigDecimal expectedCost, String currency, BigDecimal budgetTotal,
            boolean limitedByBudget, Instant asOf) {
    }

    @Inject
    RuleStore store;
    @Inject
    RuleBook book;
    @Inject
    CustomerContexts contexts;
    @Inject
    RetentionSettings settings;

    @GET
    public List<RuleView> list() {
        return store.list();
    }

    @POST
    public Response create(RuleDefinition definition, @HeaderParam("X-Keepwell-User") String user,
            @QueryParam("note") String note) {
        RuleView saved = store.create(definition, userOf(user), note);
        book.invalidate();
        return Response.created(URI.create("/api/rules/" + saved.ruleId())).entity(saved).build();
    }

    @GET
    @Path("/{ruleId}")
    public RuleView get(@PathParam("ruleId") String ruleId) {
        return store.find(ruleId).orElseThrow(() -> RuleStore.notFound(ruleId));
    }

    /** {@code If-Match: "3"} (the version the change is based on) guards against overwriting someone's save. */
    @PUT
    @Path("/{ruleId}")
    public RuleView update(@PathParam("ruleId") String ruleId, RuleDefinition definition,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam("X-Keepwell-User") String user,
            @QueryParam("note") String note) {
        RuleView saved = store.update(ruleId, versionOf(ifMatch), definition, userOf(user), note);
        book.invalidate();
        return saved;
    }

    @GET
    @Path("/{ruleId}/versions")
    public List<RuleView> versions(@PathParam("ruleId") String ruleId) {
        return store.versions(ruleId);
    }

    @POST
    @Path("/validate")
    public Validation validate(RuleDefinition definition) {
        List<Problem.Error> errors = definition == null
                ? List.of(new Problem.Error(null, "", "required", "send the rule as a JSON object"))
                : RuleValidator.problems(definition);
        return new Validation(errors.isEmpty(), errors);
    }

    @POST
    @Path("/dry-run")
    public DryRun dryRun(RuleDefinition definition) {
        List<Problem.Error> errors = definition == null ? List.of() : RuleValidator.problems(definition);
        if (definition == null || !errors.isEmpty()) {
            throw new com.keepwell.infra.web.ProblemException(Problem.of("invalid-rule", "Invalid offer rule", 400,
                    "fix the rule before a dry run").withErrors(errors));
        }
        return simulate(definition);
    }

    @POST
    @Path("/{ruleId}/dry-run")
    public DryRun dryRunSaved(@PathParam("ruleId") String ruleId) {
        return simulate(get(ruleId).definition());
    }

    private DryRun simulate(RuleDefinition d) {
        CelRuntime.Program program = Eligibility.compile(d.eligibility()).program();
        Instant now = Instant.now();
        Map<RiskBand, Long> byBand = new EnumMap<>(RiskBand.class);
        try {
            contexts.forEachAtRisk(settings.actionableBands(), now, context -> {
                if (context.consentsTo(d.channel()) && Eligibility.test(program, context.toCel())) {
                    byBand.merge(context.riskBand(), 1L, Long::sum);
                }
            });
        } catch (ProjectionRebuilding e) {
            throw new ProblemException(Problem.of("projection-rebuilding", "Projection is being rebuilt", 409,
                    e.getMessage()));
        }
        long reach = byBand.values().stream().mapToLong(Long::longValue).sum();
        long holdout = Math.round(reach * d.holdoutShare());
        long treated = reach - holdout;
        double redemption = settings.priorRedemptionRate();
        BigDecimal cost = d.costPerRedemption().multiply(BigDecimal.valueOf(treated * redemption))
                .setScale(2, RoundingMode.HALF_UP);
        boolean limited = cost.compareTo(d.budgetTotal()) > 0;
        return new DryRun(reach, byBand, treated, holdout, redemption, limited ? d.budgetTotal() : cost,
                d.currency(), d.budgetTotal(), limited, now);
    }

    private static String userOf(String header) {
        return header == null || header.isBlank() ? "anonymous" : header.strip();
    }

    private static Integer versionOf(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String digits = ifMatch.replace("W/", "").replace("\"", "").strip();
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            throw new com.keepwell.infra.web.ProblemException(Problem.of("bad-if-match", "Unreadable If-Match", 400,
                    "If-Match must carry the rule version the change is based on, e.g. \"3\"; got " + ifMatch));
        }
    }
}
