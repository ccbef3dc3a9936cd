package com.keepwell.simulator;

import java.time.Instant;

import com.keepwell.domain.storefront.StorefrontEventType;

/** One storefront event the simulator emits: when, whose, which type, and its contract {@code data} record. */
public record SimEvent(String id, Instant time, String customerId, StorefrontEventType type, Object data) {
}
