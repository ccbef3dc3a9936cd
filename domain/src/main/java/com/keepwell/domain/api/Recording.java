package com.keepwell.domain.api;

/** What a {@code Customer} command did: recorded a new fact, or recognised one it already had. */
public enum Recording {
    RECORDED, DUPLICATE
}
