package com.keepwell.readmodels.customer;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import com.keepwell.domain.api.CustomerCountView;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.CustomerSummaryView;
import com.keepwell.domain.api.FindCustomerCountQuery;
import com.keepwell.domain.api.FindCustomerSummaryQuery;
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
