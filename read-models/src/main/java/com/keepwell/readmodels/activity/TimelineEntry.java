package com.keepwell.readmodels.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.CustomerTimelineView;
import com.keepwell.domain.api.TimelineKind;

/**
 * One row of a customer's timeline. Most rows are written once; a day's sessions share one row that counts them
 * ({@link #sessionsOf}, {@link #addSession}).
 */
@Entity
@Table(name = "customer_timeline")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "customer_id")
    private String customerId;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @Enumerated(EnumType.STRING)
    private TimelineKind kind;
    private String title;
    private String detail;
    @Column(name = "day_key")
    private LocalDate dayKey;
    private int sessions;
    @Column(name = "page_views")
    private int pageViews;
    @Column(name = "product_views")
    private int productViews;

    protected TimelineEntry() {
        // for Hibernate
    }

    TimelineEntry(CustomerId customerId, Instant occurredAt, TimelineKind kind, String title, String detail) {
        this.customerId = customerId.value();
        this.occurredAt = occurredAt;
        this.kind = kind;
        this.title = title.length() > 512 ? title.substring(0, 511) + "…" : title;
        this.detail = detail;
    }

    /** The row summarising {@code customerId}'s sessions on the UTC day of {@code at}, still empty. */
    static TimelineEntry sessionsOf(CustomerId customerId, Instant at) {
        TimelineEntry day = new TimelineEntry(customerId, at, TimelineKind.SESSIONS, "", null);
        day.dayKey = dayOf(at);
        return day;
    }

    static LocalDate dayOf(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    void addSession(Instant endedAt, int pages, int products) {
        sessions++;
        pageViews += pages;
        productViews += products;
        if (endedAt.isAfter(occurredAt)) {
            occurredAt = endedAt;
        }
        title = Timeline.plural(sessions, "session") + " · " + Timeline.plural(pageViews, "page view") + " · "
                + Timeline.plural(productViews, "product view");
    }

    CustomerTimelineView.Entry toView() {
        return new CustomerTimelineView.Entry(id == null ? 0 : id, occurredAt, kind, title, detail);
    }
}
