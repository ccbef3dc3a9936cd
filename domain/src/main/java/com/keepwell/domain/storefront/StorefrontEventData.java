package com.keepwell.domain.storefront;

import com.keepwell.domain.api.CustomerCommand;

/** The {@code data} of a storefront event that is recorded on the customer as it arrives. */
public interface StorefrontEventData {

    /** Call only on data that passed validation. */
    CustomerCommand toCommand(EventHeader header);
}
