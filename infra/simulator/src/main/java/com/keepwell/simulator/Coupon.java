package com.keepwell.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A code a simulated customer applies at checkout, and what it takes off the order: a fixed amount (at most the
 * order), a percentage, or nothing (loyalty points and a call-back are no price cut). A code whose terms the
 * simulator was not told takes 10 % off, as the shop's own welcome code does.
 */
public record Coupon(String code, BigDecimal amountOff, BigDecimal percentOff) {

    /** The shipping fee a free-shipping code waives (the simulated orders do not itemise shipping). */
    static final BigDecimal SHIPPING_FEE = new BigDecimal("4.95");

    /** The shop's own welcome code. */
    static final Coupon WELCOME = new Coupon("WELCOME10", null, BigDecimal.TEN);

    /** A code without known terms. */
    static Coupon of(String code) {
        return new Coupon(code, null, BigDecimal.TEN);
    }

    /** The code a redemption of an offer of {@code type} carries when the offer named none. */
    static String codeOr(String code, OfferType type) {
        return code != null ? code : "KEEP-" + type.name();
    }

    /**
     * The code of a retention offer with its terms: {@code amount} for a fixed coupon, {@code percentOff} for a
     * discount (either may be null when the offer did not say; the code then counts as one without known terms).
     */
    static Coupon ofOffer(String code, OfferType type, BigDecimal amount, BigDecimal percentOff) {
        return switch (type) {
            case FIXED_COUPON -> amount != null ? new Coupon(code, amount, null) : of(code);
            case PERCENT_DISCOUNT -> percentOff != null ? new Coupon(code, null, percentOff) : of(code);
            case FREE_SHIPPING -> new Coupon(code, SHIPPING_FEE, null);
            case LOYALTY_POINTS, SERVICE_CALL -> new Coupon(code, BigDecimal.ZERO, null);
        };
    }

    /** What the code takes off an order of {@code gross}. */
    BigDecimal discountOn(BigDecimal gross) {
        BigDecimal off = amountOff != null ? amountOff.min(gross)
                : gross.multiply(percentOff).movePointLeft(2);
        return off.setScale(2, RoundingMode.HALF_UP);
    }
}
