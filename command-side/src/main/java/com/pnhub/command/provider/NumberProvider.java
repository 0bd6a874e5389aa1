package com.pnhub.command.provider;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.numbers.Platform;

/**
 * The port through which the write side talks to one provider platform. Every call answers with a
 * {@link ProviderOutcome}; an implementation never throws for a provider-side failure, so callers can
 * always decide between "done", "refused for good" and "try again later".
 */
public interface NumberProvider {

    Platform platform();

    /** AX binding: calls to {@code x} reach {@code phoneA}. Success carries the provider's subscription id. */
    ProviderOutcome bindAx(String poolKey, String x, String phoneA, String outId);

    /** Ends a subscription (AX or XB). */
    ProviderOutcome unbind(String poolKey, String subsId, String x);

    /** Moves the A side of a live subscription to {@code newPhoneA}. */
    ProviderOutcome changeA(String poolKey, String subsId, String x, String newPhoneA);

    /** Puts a number on the pool's blacklist for calls in one direction. Already there counts as success. */
    default ProviderOutcome addBlacklist(String poolKey, String number, BlacklistDirection direction) {
        return new ProviderOutcome.Refused("pnhub.UNSUPPORTED", "blacklists are not supported by " + platform());
    }

    /** Takes a number off the pool's blacklist for one direction. Absent counts as success. */
    default ProviderOutcome deleteBlacklist(String poolKey, String number, BlacklistDirection direction) {
        return new ProviderOutcome.Refused("pnhub.UNSUPPORTED", "blacklists are not supported by " + platform());
    }
}
