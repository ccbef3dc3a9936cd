package com.keepwell.domain.api;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** A non-negative amount in one ISO 4217 currency. */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, got " + amount);
        }
        try {
            currency = Currency.getInstance(currency).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got '" + currency + "'");
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public boolean exceeds(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount) > 0;
    }

    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    private void requireSameCurrency(Money other) {
        if (!sameCurrencyAs(other)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }
}
