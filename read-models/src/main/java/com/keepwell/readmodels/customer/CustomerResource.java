package com.keepwell.readmodels.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import com.keepwell.domain.api.CustomerCountView;
import com.keepwell.domain.api.CustomerTimelineView;
import com.keepwell.domain.api.FindCustomerTimelineQuery;
import com.keepwell.domain.api.FindOfferHistoryQuery;
import com.keepwell.domain.api.FindRiskHistoryQuery;
import com.keepwell.domain.api.OfferHistoryView;
import com.keepwell.domain.api.RiskHistoryView;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.CustomerSummaryView;
import com.keepwell.domain.api.CustomerTier;
import com.keepwell.domain.api.FindCustomerCountQuery;
import com.keepwell.domain.api.FindCustomerSummaryQuery;
import com.keepwell.domain.api.FindWorklistQuery;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.WorklistView;
import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;

/** Customer look-ups for agents, answered from read models only. */
@Path("/api/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final QueryGateway queries;

    @Inject
    CustomerResource(QueryGateway queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{customerId}")
    public CustomerSummaryView summary(@PathParam("customerId") String customerId) {
        CustomerId id = parse(customerId);
        Optional<CustomerSummaryView> summary = queries.query(new FindCustomerSummaryQuery(id),
                ResponseTypes.optionalInstanceOf(CustomerSummaryView.class)).join();
        return summary.orElseThrow(() -> new ProblemException(Problem.of("customer-not-found", "Customer not found",
                404, "No event for customer '" + customerId + "' has been recorded. If it was sent moments ago, "
                        + "retry shortly: summaries are updated asynchronously.")));
    }

    /**
     * The at-risk worklist: {@code ?band=HIGH&band=CRITICAL&country=DE&reason=NO_RECENT_ORDER&tier=GOLD
     * &hasOpenOffer=false&sort=risk&limit=50},
     * then {@code &cursor=…} from the previous page's {@code nextCursor}. {@code sort} is {@code risk} (highest
     * first, default), {@code valueAtRisk} (what the customer's churn would cost, highest first), or either with a
     * leading {@code -} for lowest first.
     */
    @GET
    public Worklist worklist(@QueryParam("band") List<String> bands, @QueryParam("country") String country,
            @QueryParam("reason") String reason, @QueryParam("tier") List<String> tiers,
            @QueryParam("hasOpenOffer") String hasOpenOffer,
            @QueryParam("sort") @DefaultValue("risk") String sort,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        List<RiskBand> wanted = parse(bands, RiskBand.class, "band");
        List<CustomerTier> wantedTiers = parse(tiers, CustomerTier.class, "tier");
        // read strictly: a plain Boolean parameter takes "yes" for false, the opposite of what was asked
        Boolean openOffer = switch (hasOpenOffer == null ? "" : hasOpenOffer.strip().toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw badRequest("hasOpenOffer", "hasOpenOffer is 'true' or 'false', got '" + hasOpenOffer
                    + "'");
        };
        boolean ascending = sort.startsWith("-");
        FindWorklistQuery.Sort order = switch (ascending ? sort.substring(1) : sort) {
            case "risk" -> FindWorklistQuery.Sort.RISK;
            case "valueAtRisk" -> FindWorklistQuery.Sort.VALUE_AT_RISK;
            default -> throw badRequest("sort", "sort is 'risk' or 'valueAtRisk' (highest first), or either with a"
                    + " leading '-' (lowest first), got '" + sort + "'");
        };
        if (limit < 1 || limit > 500) {
            throw badRequest("limit", "limit must be 1-500, got " + limit);
        }
        WorklistView page = queries.query(new FindWorklistQuery(wanted, blankToNull(country), blankToNull(reason),
                wantedTiers, openOffer, order, ascending, limit, Cursors.worklist(cursor, order)), WorklistView.class)
                .join();
        return new Worklist(page.items(), page.next() == null ? null : Cursors.encode(page.next(), order));
    }

    /** One page and the cursor of the next (null on the last page). */
    public record Worklist(List<WorklistView.Item> items, String nextCursor) {
    }

    /** Each value as a constant of {@code type}, any case; an unknown one is a problem naming the parameter. */
    private static <E extends Enum<E>> List<E> parse(List<String> values, Class<E> type, String parameter) {
        List<E> parsed = new ArrayList<>();
        for (String value : values) {
            try {
                parsed.add(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw badRequest(parameter, "unknown " + parameter + " '" + value + "'; " + parameter + "s are "
                        + List.of(type.getEnumConstants()));
            }
        }
        return parsed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static ProblemException badRequest(String parameter, String detail) {
        return new ProblemException(Problem.of("invalid-worklist-query", "Invalid worklist query", 400, detail)
                .withErrors(List.of(new Problem.Error(null, parameter, "invalid", detail))));
    }

    /** The customer's activity, newest first: {@code ?limit=50}, then {@code &cursor=…} from {@code nextCursor}. */
    @GET
    @Path("/{customerId}/timeline")
    public Timeline timeline(@PathParam("customerId") String customerId,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        CustomerId id = known(customerId);
        if (limit < 1 || limit > 200) {
            throw badRequest("limit", "limit must be 1-200, got " + limit);
        }
        return timelineOf(id, limit, cursor);
    }

    /** The timeline page of a customer already known to exist (the console checks once per page). */
    public Timeline timelineOf(CustomerId id, int limit, String cursor) {
        CustomerTimelineView page = queries.query(new FindCustomerTimelineQuery(id, limit, Cursors.timeline(cursor)),
                CustomerTimelineView.class).join();
        return new Timeline(page.entries(), page.next() == null ? null : Cursors.encode(page.next()));
    }

    /** One page of the timeline and the cursor of the next (null on the last page). */
    public record Timeline(List<CustomerTimelineView.Entry> entries, String nextCursor) {
    }

    /** Risk over time, oldest first: the newest {@code limit} assessments with their reasons. */
    @GET
    @Path("/{customerId}/risk")
    public RiskHistoryView risk(@PathParam("customerId") String customerId,
            @QueryParam("limit") @DefaultValue("365") int limit) {
        CustomerId id = known(customerId);
        if (limit < 1 || limit > 1000) {
            throw badRequest("limit", "limit must be 1-1000, got " + limit);
        }
        return riskOf(id, limit);
    }

    public RiskHistoryView riskOf(CustomerId id, int limit) {
        return queries.query(new FindRiskHistoryQuery(id, limit), RiskHistoryView.class).join();
    }

    /** The retention offers sent to the customer, newest first, with channel reports and outcomes. */
    @GET
    @Path("/{customerId}/offers")
    public OfferHistoryView offers(@PathParam("customerId") String customerId) {
        return offersOf(known(customerId));
    }

    public OfferHistoryView offersOf(CustomerId id) {
        return queries.query(new FindOfferHistoryQuery(id), OfferHistoryView.class).join();
    }

    /** A customer id the read model knows; otherwise the same 404 as the summary, so agents read one message. */
    private CustomerId known(String customerId) {
        return summary(customerId).customerId();
    }

    @GET
    @Path("/count")
    public CustomerCountView count() {
        return queries.query(new FindCustomerCountQuery(), CustomerCountView.class).join();
    }

    private static CustomerId parse(String customerId) {
        try {
            return CustomerId.of(customerId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of("invalid-customer-id", "Invalid customer id", 400, e.getMessage()));
        }
    }
}
