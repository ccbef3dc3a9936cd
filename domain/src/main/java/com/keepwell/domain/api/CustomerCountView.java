package com.keepwell.domain.api;

/** How many customers the read model holds, and how many of them are registered. */
public record CustomerCountView(long customers, long registered) {
}
