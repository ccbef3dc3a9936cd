package com.keepwell.domain.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

import com.keepwell.domain.api.*;

/**
 * One storefront customer, event-sourced. Every command creates the customer if it is not known yet: storefronts
 * join the platform with customers who registered long before, and guest orders arrive without a registration,
 * so refusing them would lose real behaviour. Every command is idempotent on its source storefront event id, and
 * orders, tickets and sessions also on their own ids. Retention cases, offers and the contact policy live in the
 * {@link OfferLedger} member.
 */
@Revision(Customer.SNAPSHOT_REVISION)
public class Customer {

    /**
     * The revision of this class's state in snapshots: raise it with any change to the fields (of this class or
     * its members), and the platform passes over older snapshots and replays the events instead.
     */
    public static final String SNAPSHOT_REVISION = "4";

    @AggregateIdentifier
    private CustomerId customerId;
    private final Set<StorefrontEventId> recordedSourceEvents = new HashSet<>();
    private boolean registered;
    private boolean closed;
    private final Map<ContactChannel, Boolean> marketingConsent = new EnumMap<>(ContactChannel.class);
    private final OrderBook orders = new OrderBook();
    private final Set<TicketId> openTickets = new HashSet<>();
    private final Set<TicketId> resolvedTickets = new HashSet<>();
    private final Set<SessionId> sessions = new HashSet<>();
    private final RiskRecord risk = new RiskRecord();
    @AggregateMember
    private final OfferLedger retention = new OfferLedger();

    protected Customer() {
        // Axon creates the instance, then replays or applies events onto it
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RegisterCustomerCommand c) {
        if (alreadyRecorded(c)) {
            return Recording.DUPLICATE;
        }
        if (registered && !closed) {
            throw new CustomerCommandRejectedException(RejectionCode.ALREADY_REGISTERED,
                    "customer " + c.customerId() + " is already registered; send profile changes, not a new registration");
        }
        return record(new CustomerRegisteredEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.email(),
                c.fullName(), c.phone(), c.address(), c.country(), c.timeZone(), c.language(), c.consents()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordSignInCommand c) {
        return alreadyRecorded(c) ? Recording.DUPLICATE
                : record(new CustomerSignedInEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.device()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordSessionCommand c) {
        if (alreadyRecorded(c) || sessions.contains(c.sessionId())) {
            return Recording.DUPLICATE;
        }
        return record(new SessionRecordedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.sessionId(),
                c.startedAt(), c.endedAt(), c.pageViews(), c.productViews(), c.productsViewed(), c.categoriesViewed()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordProductAddedToCartCommand c) {
        return alreadyRecorded(c) ? Recording.DUPLICATE
                : record(new ProductAddedToCartEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.productId(),
                        c.category(), c.quantity(), c.unitPrice()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordProductRemovedFromCartCommand c) {
        return alreadyRecorded(c) ? Recording.DUPLICATE
                : record(new ProductRemovedFromCartEvent(c.customerId(), c.sourceEventId(), c.occurredAt(),
                        c.productId(), c.category(), c.quantity(), c.unitPrice()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordCheckoutStartedCommand c) {
        return alreadyRecorded(c) ? Recording.DUPLICATE
                : record(new CheckoutStartedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.checkoutId(),
                        c.value(), c.items()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordOrderCommand c) {
        if (alreadyRecorded(c) || orders.contains(c.orderId())) {
            return Recording.DUPLICATE;
        }
        Recording recorded = record(new OrderPlacedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(),
                c.orderId(), c.total(), c.discount(), c.couponCode(), c.lines(), c.shippingAddress()));
        retention.orderPlaced(c.customerId(), c.orderId(), c.occurredAt());
        return recorded;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordRefundCommand c) {
        if (alreadyRecorded(c)) {
            return Recording.DUPLICATE;
        }
        orders.requireRefundable(c.orderId(), c.amount());
        return record(new OrderRefundedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.orderId(),
                c.amount(), c.returned(), c.reason()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordOrderCancellationCommand c) {
        if (alreadyRecorded(c) || orders.isCancelled(c.orderId())) {
            return Recording.DUPLICATE;
        }
        return record(new OrderCancelledEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.orderId(),
                c.reason(), orders.outstanding(c.orderId())));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordReviewCommand c) {
        return alreadyRecorded(c) ? Recording.DUPLICATE
                : record(new ProductReviewedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.productId(),
                        c.orderId(), c.rating(), c.text(), c.language()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordSupportTicketOpenedCommand c) {
        if (alreadyRecorded(c) || openTickets.contains(c.ticketId()) || resolvedTickets.contains(c.ticketId())) {
            return Recording.DUPLICATE;
        }
        return record(new SupportTicketOpenedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.ticketId(),
                c.category(), c.channel(), c.text(), c.language()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordSupportTicketResolvedCommand c) {
        if (alreadyRecorded(c) || resolvedTickets.contains(c.ticketId())) {
            return Recording.DUPLICATE;
        }
        if (!openTickets.contains(c.ticketId())) {
            throw new CustomerCommandRejectedException(RejectionCode.UNKNOWN_TICKET,
                    "support ticket " + c.ticketId() + " was never opened for this customer");
        }
        return record(new SupportTicketResolvedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(),
                c.ticketId(), c.resolution(), c.satisfaction()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(ChangeMarketingConsentCommand c) {
        if (alreadyRecorded(c) || Boolean.valueOf(c.granted()).equals(marketingConsent.get(c.channel()))) {
            return Recording.DUPLICATE;
        }
        return record(new MarketingConsentChangedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(),
                c.channel(), c.granted()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordCouponAppliedCommand c) {
        return alreadyRecorded(c) ? Recording.DUPLICATE
                : record(new CouponAppliedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.couponCode(),
                        c.orderId(), c.discount()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recording handle(RecordAccountClosureCommand c) {
        return alreadyRecorded(c) || closed ? Recording.DUPLICATE
                : record(new AccountClosedEvent(c.customerId(), c.sourceEventId(), c.occurredAt(), c.reason()));
    }

    /** Scoring only assesses customers the platform knows, so there is no creation policy here. */
    @CommandHandler
    Recording handle(RecordRiskAssessmentCommand c) {
        if (!risk.isNewer(c)) {
            return Recording.DUPLICATE;
        }
        apply(new RiskAssessedEvent(c.customerId(), c.assessmentId(), c.score(), c.band(), risk.band(),
                c.modelVersion(), c.featureSchemaVersion(), List.copyOf(c.reasons()), c.featuresAsOf(),
                c.assessedAt(), c.historical(), risk.band() != null && risk.historical()));
        return Recording.RECORDED;
    }

    private boolean alreadyRecorded(CustomerCommand c) {
        return recordedSourceEvents.contains(c.sourceEventId());
    }

    private static Recording record(CustomerEvent event) {
        apply(event);
        return Recording.RECORDED;
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent e) {
        remember(e);
        registered = true;
        closed = false;
        if (e.consents() != null) {
            marketingConsent.putAll(e.consents());
        }
    }

    @EventSourcingHandler
    void on(CustomerSignedInEvent e) {
        remember(e);
    }

    @EventSourcingHandler
    void on(SessionRecordedEvent e) {
        remember(e);
        sessions.add(e.sessionId());
    }

    @EventSourcingHandler
    void on(ProductAddedToCartEvent e) {
        remember(e);
    }

    @EventSourcingHandler
    void on(ProductRemovedFromCartEvent e) {
        remember(e);
    }

    @EventSourcingHandler
    void on(CheckoutStartedEvent e) {
        remember(e);
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent e) {
        remember(e);
        orders.placed(e.orderId(), e.total());
    }

    @EventSourcingHandler
    void on(OrderRefundedEvent e) {
        remember(e);
        orders.refunded(e.orderId(), e.amount());
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent e) {
        remember(e);
        orders.cancelled(e.orderId());
    }

    @EventSourcingHandler
    void on(ProductReviewedEvent e) {
        remember(e);
    }

    @EventSourcingHandler
    void on(SupportTicketOpenedEvent e) {
        remember(e);
        openTickets.add(e.ticketId());
    }

    @EventSourcingHandler
    void on(SupportTicketResolvedEvent e) {
        remember(e);
        openTickets.remove(e.ticketId());
        resolvedTickets.add(e.ticketId());
    }

    @EventSourcingHandler
    void on(MarketingConsentChangedEvent e) {
        remember(e);
        marketingConsent.put(e.channel(), e.granted());
    }

    @EventSourcingHandler
    void on(CouponAppliedEvent e) {
        remember(e);
    }

    @EventSourcingHandler
    void on(AccountClosedEvent e) {
        remember(e);
        closed = true;
    }

    @EventSourcingHandler
    void on(RiskAssessedEvent e) {
        risk.assessed(e);
    }

    private void remember(CustomerEvent e) {
        customerId = e.customerId();
        recordedSourceEvents.add(e.sourceEventId());
    }
}
