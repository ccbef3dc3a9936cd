package com.keepwell.domain.api;

/** Channels a customer can consent to be contacted on for marketing. */
public enum ContactChannel {
    EMAIL, SMS, PUSH, IN_APP, PHONE
}
