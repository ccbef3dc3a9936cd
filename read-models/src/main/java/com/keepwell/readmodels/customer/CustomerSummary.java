package com.keepwell.readmodels.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.IncentiveType;
import com.keepwell.domain.api.OfferDispatchedEvent;
import com.keepwell.domain.api.OfferId;
import com.keepwell.domain.api.OpenOfferView;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.domain.api.RetentionOutcomeRecordedEvent;
import com.keepwell.domain.api.RuleId;
import com.keepwell.domain.api.CurrentRiskView;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.CustomerRegisteredEvent;
import com.keepwell.domain.api.CustomerSummaryView;
import com.keepwell.domain.api.CustomerTier;
import com.keepwell.domain.api.Money;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RiskReason;

/**
 * One row of the customer summary read model. The state changes are plain methods so the projection logic can
 * be tested without a database.
 */
@Entity
@Table(name = "customer_summary")
public class CustomerSummary {

    @Id
    @Column(name = "customer_id")
    private String customerId;
    private boolean registered;
    @Column(name = "account_closed")
    private boolean accountClosed;
    @Column(name = "full_name")
    private String fullName;
    private String email;
    private String country;
    private String language;
    @Column(name = "time_zone")
    private String timeZone;
    private int orders;
    @Column(name = "cancelled_orders")
    private int cancelledOrders;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "net_revenue")
    private Map<String, BigDecimal> netRevenue = new HashMap<>();
    @Column(name = "lifetime_value")
    private BigDecimal lifetimeValue = BigDecimal.ZERO;
    @Enumerated(EnumType.STRING)
    private CustomerTier tier = CustomerTier.BRONZE;
    private int sessions;
    private int reviews;
    @Column(name = "open_tickets")
    private int openTickets;
    @Column(name = "first_seen_at")
    private Instant firstSeenAt;
    @Column(name = "last_activity_at")
    private Instant lastActivityAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "marketing_consent")
    private Map<ContactChannel, Boolean> marketingConsent = new EnumMap<>(ContactChannel.class);

    @Column(name = "risk_score")
    private Double riskScore;
    @Enumerated(EnumType.STRING)
    @Column(name = "risk_band")
    private RiskBand riskBand;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "risk_reasons")
    private List<RiskReason> riskReasons;
    @Column(name = "risk_model")
    private String riskModel;
    @Column(name = "risk_features_as_of")
    private Instant riskFeaturesAsOf;
    @Column(name = "risk_historical")
    private boolean riskHistorical;
    @Column(name = "risk_assessed_at")
    private Instant riskAssessedAt;
    /** Computed by the database (a generated column, V202612081000) from score, revenue and tenure; read only. */
    @Column(name = "value_at_risk", insertable = false, updatable = false)
    private BigDecimal valueAtRisk;

    protected CustomerSummary() {
        // for Hibernate
    }

    CustomerSummary(CustomerId customerId) {
        this.customerId = customerId.value();
    }

    @Column(name = "offers_received")
    private int offersReceived;
    @Column(name = "open_offer_id")
    private String openOfferId;
    @Column(name = "open_offer_rule")
    private String openOfferRule;
    @Enumerated(EnumType.STRING)
    @Column(name = "open_offer_incentive")
    private IncentiveType openOfferIncentive;
    @Enumerated(EnumType.STRING)
    @Column(name = "open_offer_channel")
    private ContactChannel openOfferChannel;
    @Column(name = "open_offer_coupon")
    private String openOfferCoupon;
    @Column(name = "open_offer_dispatched_at")
    private Instant openOfferDispatchedAt;
    @Column(name = "open_offer_valid_until")
    private Instant openOfferValidUntil;
    @Enumerated(EnumType.STRING)
    @Column(name = "last_retention_outcome")
    private RetentionOutcome lastRetentionOutcome;

    void seenAt(Instant at) {
        if (firstSeenAt == null || at.isBefore(firstSeenAt)) {
            firstSeenAt = at;
        }
        if (lastActivityAt == null || at.isAfter(lastActivityAt)) {
            lastActivityAt = at;
        }
    }

    void registered(CustomerRegisteredEvent e) {
        registered = true;
        accountClosed = false;
        fullName = e.fullName();
        email = e.email();
        country = e.country();
        language = e.language();
        timeZone = e.timeZone();
        Map<ContactChannel, Boolean> consents = e.consents();
        if (consents != null) {
            marketingConsent.putAll(consents);
        }
    }

    void orderPlaced(Money total) {
        orders++;
        addRevenue(total.currency(), total.amount());
    }

    void refunded(Money amount) {
        addRevenue(amount.currency(), amount.amount().negate());
    }

    void orderCancelled(Money voided) {
        cancelledOrders++;
        if (voided != null) {
            addRevenue(voided.currency(), voided.amount().negate());
        }
    }

    void sessionRecorded() {
        sessions++;
    }

    void reviewed() {
        reviews++;
    }

    void ticketOpened() {
        openTickets++;
    }

    void ticketResolved() {
        openTickets = Math.max(0, openTickets - 1);
    }

    void consentChanged(ContactChannel channel, boolean granted) {
        marketingConsent.put(channel, granted);
    }

    void accountClosed() {
        accountClosed = true;
    }

    /** Lifetime value adds currencies up unconverted, as the retention service's tier does. */
    private void addRevenue(String currency, BigDecimal amount) {
        netRevenue.merge(currency, amount, BigDecimal::add);
        lifetimeValue = netRevenue.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        tier = CustomerTier.ofLifetimeValue(lifetimeValue.doubleValue());
    }

    CustomerSummaryView toView() {
        return new CustomerSummaryView(CustomerId.of(customerId), registered, accountClosed, fullName, email, country,
                language, timeZone, orders, cancelledOrders, Map.copyOf(netRevenue), lifetimeValue, tier, sessions, reviews, openTickets, firstSeenAt,
                lastActivityAt, marketingConsent.isEmpty() ? Map.of() : new EnumMap<>(marketingConsent),
                riskScore == null ? null : new CurrentRiskView(riskScore, riskBand,
                        riskReasons == null ? List.of() : List.copyOf(riskReasons), riskModel, riskFeaturesAsOf,
                        riskAssessedAt, riskHistorical, valueAtRisk),
                offersReceived,
                openOfferId == null ? null : new OpenOfferView(OfferId.of(openOfferId), RuleId.of(openOfferRule),
                        openOfferIncentive, openOfferChannel, openOfferCoupon, openOfferDispatchedAt,
                        openOfferValidUntil),
                lastRetentionOutcome);
    }

    void offerDispatched(OfferDispatchedEvent e) {
        offersReceived++;
        openOffer(e);
    }

    /** A case ended: its offer, if it is the open one, is no longer open. */
    void retentionOutcome(RetentionOutcomeRecordedEvent e) {
        lastRetentionOutcome = e.outcome();
        if (e.offerId() != null && e.offerId().value().equals(openOfferId)) {
            openOffer(null);
        }
    }

    /** The open offer is {@code e}'s, or none when null. */
    private void openOffer(OfferDispatchedEvent e) {
        openOfferId = e == null ? null : e.offerId().value();
        openOfferRule = e == null ? null : e.ruleId().value();
        openOfferIncentive = e == null ? null : e.incentive().type();
        openOfferChannel = e == null ? null : e.channel();
        openOfferCoupon = e == null ? null : e.couponCode();
        openOfferDispatchedAt = e == null ? null : e.dispatchedAt();
        openOfferValidUntil = e == null ? null : e.validUntil();
    }

    /** Keeps the newest assessment (by the time its features describe), whatever order they are replayed in. */
    void riskAssessed(RiskAssessedEvent e) {
        if (riskFeaturesAsOf != null && !e.featuresAsOf().isAfter(riskFeaturesAsOf)) {
            return;
        }
        riskScore = e.score().value();
        riskBand = e.band();
        riskReasons = List.copyOf(e.reasons());
        riskModel = e.modelVersion();
        riskFeaturesAsOf = e.featuresAsOf();
        riskAssessedAt = e.assessedAt();
        riskHistorical = e.historical();
    }
}
