package com.pnhub.api.blacklist;

/** Every event of the BlacklistedNumber aggregate. */
public sealed interface BlacklistEvent permits NumberBlacklistedEvent, NumberUnblacklistedEvent {

    String key();
}
