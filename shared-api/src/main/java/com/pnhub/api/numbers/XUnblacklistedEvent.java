package com.pnhub.api.numbers;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;

/** otherDirectionRemains: the number stays blacklisted in the other direction (the provider keeps it). The virtual number is no longer blacklisted in that direction. */
public record XUnblacklistedEvent(String number, Platform platform, long poolId, BlacklistDirection direction, String userId,
        boolean otherDirectionRemains)
        implements PrivateNumberEvent {
}
