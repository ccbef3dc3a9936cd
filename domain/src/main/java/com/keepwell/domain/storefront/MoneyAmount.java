package com.keepwell.domain.storefront;

import java.math.BigDecimal;

import com.keepwell.domain.api.Money;

/** Turns validated contract amounts into {@link Money}; {@code null} stays {@code null}. */
final class MoneyAmount {

    private MoneyAmount() {
    }

    static Money of(BigDecimal amount, String currency) {
        return amount == null ? null : new Money(amount, currency);
    }
}
