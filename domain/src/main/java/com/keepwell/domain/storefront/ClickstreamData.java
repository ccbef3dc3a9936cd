package com.keepwell.domain.storefront;

/**
 * The {@code data} of a high-volume clickstream event. These are never recorded one by one: ingestion condenses
 * them per session into one {@code RecordSessionCommand}.
 */
public interface ClickstreamData {

    String sessionId();

    /** The viewed product, or {@code null} for a plain page view or a session end. */
    default String productId() {
        return null;
    }

    default String category() {
        return null;
    }

    /** True for the event that closes its session explicitly. */
    default boolean endsSession() {
        return false;
    }
}
