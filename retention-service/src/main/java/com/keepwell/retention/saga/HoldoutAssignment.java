package com.keepwell.retention.saga;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RiskBand;

/**
 * Treatment or holdout, decided by a hash rather than a random draw: the same case always lands in the same arm
 * (a retried or replayed decision cannot flip it) and anyone can recompute it. The risk band is part of the hash
 * input, so each band is split on its own at the rule's share: arms are comparable within a band, and analysis
 * compares them band by band.
 */
public final class HoldoutAssignment {

    private HoldoutAssignment() {
    }

    public static RetentionGroup assign(String customerId, String caseId, RiskBand band, double holdoutShare) {
        return position(customerId, caseId, band) < holdoutShare ? RetentionGroup.HOLDOUT : RetentionGroup.TREATMENT;
    }

    /** A uniform number in [0, 1) fixed by the inputs. */
    static double position(String customerId, String caseId, RiskBand band) {
        return uniform(customerId + '|' + caseId + '|' + band);
    }

    /** A uniform number in [0, 1) fixed by {@code text}: the top 53 bits of its SHA-256. */
    static double uniform(String text) {
        long bits = ByteBuffer.wrap(sha256(text)).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }

    /** SHA-256 of {@code text}: the case hash behind holdout positions, coupon codes and the planner's seeds. */
    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
