package com.keepwell.readmodels.console;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.*;
import com.keepwell.infra.axon.Processors;
import com.keepwell.infra.web.ProblemException;
import com.keepwell.readmodels.activity.TimelineProjection;
import com.keepwell.readmodels.campaign.CampaignProjection;
import com.keepwell.readmodels.customer.CustomerResource;
import com.keepwell.readmodels.customer.CustomerSummaryProjection;
import com.keepwell.readmodels.monitoring.ModelMonitoringProjection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The web console: pages rendered on the server from the read models (Qute), made interactive with htmx. Agents get
 * the worklist and the customer 360; marketers the offer rules and campaign results; operators the models. Rules and
 * models are live data of the retention and scoring services: those pages call their APIs from the browser, on the
 * same origin (in the distributed mode, route {@code /api/rules} and {@code /api/models} there).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance worklist(Filters filters, CustomerResource.Worklist page, String error,
                Freshness freshness);

        static native TemplateInstance worklist$rows(Filters filters, CustomerResource.Worklist page);

        static native TemplateInstance customer(String customerId, CustomerSummaryView customer, String riskJson,
                CustomerResource.Timeline timeline, OfferHistoryView offers, Freshness freshness);

        static native TemplateInstance customer$entries(String customerId, CustomerResource.Timeline timeline);

        static native TemplateInstance missing(String title, String message, Freshness freshness);

        static native TemplateInstance rules(Freshness freshness);

        static native TemplateInstance rule(String ruleId, Freshness freshness);

        static native TemplateInstance campaigns(CampaignResultsView results, String resultsJson, Freshness freshness);

        static native TemplateInstance models(ModelMonitoringView monitoring, String monitoringJson,
                Freshness freshness);
    }

    private final QueryGateway queries;
    private final CustomerResource customers;
    private final Processors processors;
    private final ObjectMapper json;

    @Inject
    ConsoleResource(QueryGateway queries, CustomerResource customers, Processors processors, ObjectMapper json) {
        this.queries = queries;
        this.customers = customers;
        this.processors = processors;
        this.json = json;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/console/worklist")).build();
    }

    @GET
    @Path("/worklist")
    public TemplateInstance worklist(@QueryParam("band") List<String> bands, @QueryParam("country") String country,
            @QueryParam("reason") String reason, @QueryParam("tier") List<String> tiers,
            @QueryParam("offer") @DefaultValue("") String offer, @QueryParam("sort") @DefaultValue("risk") String sort) {
        Filters filters = new Filters(bands, country, reason, tiers, offer, sort);
        try {
            return Templates.worklist(filters, page(filters, null), null, freshness(CustomerSummaryProjection.PROCESSOR));
        } catch (ProblemException e) {
            return Templates.worklist(filters, new CustomerResource.Worklist(List.of(), null),
                    e.problem().detail(), freshness(CustomerSummaryProjection.PROCESSOR));
        }
    }

    /** The rows of one worklist page, for htmx: the filters changed, or "more" was asked for. */
    @GET
    @Path("/worklist/rows")
    public Response worklistRows(@QueryParam("band") List<String> bands, @QueryParam("country") String country,
            @QueryParam("reason") String reason, @QueryParam("tier") List<String> tiers,
            @QueryParam("offer") @DefaultValue("") String offer, @QueryParam("sort") @DefaultValue("risk") String sort,
            @QueryParam("cursor") String cursor) {
        Filters filters = new Filters(bands, country, reason, tiers, offer, sort);
        try {
            return Response.ok(Templates.worklist$rows(filters, page(filters, cursor))).build();
        } catch (ProblemException e) {
            return Response.status(e.problem().status()).entity(Templates.worklist$rows(filters,
                    new CustomerResource.Worklist(List.of(), null))).header("X-Problem", e.problem().detail()).build();
        }
    }

    private CustomerResource.Worklist page(Filters f, String cursor) {
        return customers.worklist(f.bands(), f.country(), f.reason(), f.tiers(), f.hasOpenOffer(), f.sort(), 50,
                cursor);
    }

    @GET
    @Path("/customers/{customerId}")
    public Response customer(@PathParam("customerId") String customerId) {
        Freshness freshness = freshness(CustomerSummaryProjection.PROCESSOR, TimelineProjection.PROCESSOR);
        Optional<CustomerSummaryView> summary;
        try {
            summary = queries.query(new FindCustomerSummaryQuery(CustomerId.of(customerId)),
                    ResponseTypes.optionalInstanceOf(CustomerSummaryView.class)).join();
        } catch (IllegalArgumentException e) {
            summary = Optional.empty();
        }
        if (summary.isEmpty()) {
            return Response.status(404).entity(Templates.missing("Customer not found", "No event for customer '"
                    + customerId + "' has been recorded. Check the id; if the customer was created moments ago, "
                    + "reload shortly: the read models follow the event store within seconds.", freshness)).build();
        }
        CustomerId id = summary.get().customerId();
        RiskHistoryView risk = customers.riskOf(id, 365);
        return Response.ok(Templates.customer(customerId, summary.get(), toJson(risk.points()),
                customers.timelineOf(id, 25, null), customers.offersOf(id), freshness)).build();
    }

    /** Older timeline entries, for htmx. */
    @GET
    @Path("/customers/{customerId}/timeline")
    public TemplateInstance timeline(@PathParam("customerId") String customerId, @QueryParam("cursor") String cursor) {
        return Templates.customer$entries(customerId, customers.timeline(customerId, 25, cursor));
    }

    @GET
    @Path("/rules")
    public TemplateInstance rules() {
        return Templates.rules(Freshness.live("Rules are read live from the retention service"));
    }

    @GET
    @Path("/rules/new")
    public TemplateInstance newRule() {
        return Templates.rule(null, Freshness.live("Rules are read live from the retention service"));
    }

    @GET
    @Path("/rules/{ruleId}")
    public TemplateInstance rule(@PathParam("ruleId") String ruleId) {
        return Templates.rule(ruleId, Freshness.live("Rules are read live from the retention service"));
    }

    @GET
    @Path("/campaigns")
    public TemplateInstance campaigns() {
        CampaignResultsView results = queries.query(new FindCampaignResultsQuery(), CampaignResultsView.class).join();
        return Templates.campaigns(results, toJson(results), freshness(CampaignProjection.PROCESSOR));
    }

    @GET
    @Path("/models")
    public TemplateInstance models() {
        ModelMonitoringView monitoring = queries.query(new FindModelMonitoringQuery(90), ModelMonitoringView.class)
                .join();
        return Templates.models(monitoring, toJson(monitoring), freshness(ModelMonitoringProjection.PROCESSOR));
    }

    private Freshness freshness(String... names) {
        return Freshness.of(processors.states(List.of(names)));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
