package com.keepwell.scoring.ingest;

/** One thing wrong with a storefront event: where (a JSON pointer into the event) and what. */
public record Violation(String pointer, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(event)" : pointer) + ": " + message;
    }
}
