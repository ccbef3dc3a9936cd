package com.keepwell.readmodels.customer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.keepwell.domain.api.FindWorklistQuery.WorklistPosition;

/** Worklist cursors: the last row's position, opaque to clients (URL-safe Base64 of "score|customer id"). */
final class Cursors {

    private Cursors() {
    }

    static String encode(WorklistPosition position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (position.riskScore() + "|" + position.customerId()).getBytes(StandardCharsets.UTF_8));
    }

    static WorklistPosition decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new WorklistPosition(Double.parseDouble(text.substring(0, bar)), text.substring(bar + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw CustomerResource.badRequest("cursor", "the cursor is not one this API gave out; start again without"
                    + " it, then pass each page's nextCursor unchanged");
        }
    }
}
