package com.keepwell.domain.storefront;

/** Size limits of the storefront contract, shared by its constraint annotations. */
final class Limits {

    static final int ID = 128;
    static final int SHORT_TEXT = 256;
    static final int FREE_TEXT = 10_000;
    static final int LINES = 500;
    static final String CURRENCY = "[A-Z]{3}";
    static final String COUNTRY = "[A-Z]{2}";

    private Limits() {
    }
}
