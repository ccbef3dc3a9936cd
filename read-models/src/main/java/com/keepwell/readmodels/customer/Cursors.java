package com.keepwell.readmodels.customer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import com.keepwell.domain.api.FindCustomerTimelineQuery.TimelinePosition;
import com.keepwell.domain.api.FindWorklistQuery.Sort;
import com.keepwell.domain.api.FindWorklistQuery.WorklistPosition;

/**
 * Paging cursors: the last row's position, opaque to clients (URL-safe Base64 of "score|customer id" for the
 * worklist by risk, "value:amount|customer id" by value at risk, "time|entry id" for the timeline). A worklist cursor
 * says which order it belongs to, so one passed with another sort is refused rather than read as the wrong key.
 */
final class Cursors {

    private static final String VALUE = "value:";

    private Cursors() {
    }

    static String encode(WorklistPosition position, Sort sort) {
        return encode((sort == Sort.VALUE_AT_RISK ? VALUE : "") + position.key() + "|" + position.customerId());
    }

    static String encode(TimelinePosition position) {
        return encode(position.occurredAt() + "|" + position.entryId());
    }

    static WorklistPosition worklist(String cursor, Sort sort) {
        String[] parts = decode(cursor);
        if (parts == null) {
            return null;
        }
        Sort of = parts[0].startsWith(VALUE) ? Sort.VALUE_AT_RISK : Sort.RISK;
        if (of != sort) {
            throw CustomerResource.badRequest("cursor", "the cursor belongs to the worklist "
                    + (of == Sort.RISK ? "by risk" : "by value at risk") + "; pass it with the same sort as the page"
                    + " it came from, or start again without it");
        }
        try {
            return new WorklistPosition(Double.parseDouble(parts[0].substring(of == Sort.VALUE_AT_RISK
                    ? VALUE.length() : 0)), parts[1]);
        } catch (NumberFormatException e) {
            throw foreign();
        }
    }

    static TimelinePosition timeline(String cursor) {
        String[] parts = decode(cursor);
        try {
            return parts == null ? null : new TimelinePosition(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw foreign();
        }
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw foreign();
            }
            return new String[] {text.substring(0, bar), text.substring(bar + 1)};
        } catch (IllegalArgumentException e) {
            throw foreign();
        }
    }

    private static RuntimeException foreign() {
        return CustomerResource.badRequest("cursor", "the cursor is not one this API gave out; start again without"
                + " it, then pass each page's nextCursor unchanged");
    }
}
