package com.pnhub.command.provider;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.values.Platform;
import java.time.Instant;

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

    /**
     * Customer (AXB) binding A-X-B on the agent's X, ending at the provider at {@code expiresAt}. Success carries
     * the subscription id. Not every platform offers it.
     */
    default ProviderOutcome bindXb(String poolKey, String x, String phoneA, String phoneB, Instant expiresAt, String outId) {
        return new ProviderOutcome.Refused("pnhub.UNSUPPORTED", "customer bindings are not supported by " + platform());
    }

    /** Moves a live subscription's expiration to {@code expiresAt}. */
    default ProviderOutcome extendXb(String poolKey, String subsId, String x, Instant expiresAt) {
        return new ProviderOutcome.Refused("pnhub.UNSUPPORTED", "customer bindings are not supported by " + platform());
    }

    /** Puts a number on the pool's blacklist for calls in one direction. Already there counts as success. */
    default ProviderOutcome addBlacklist(String poolKey, String number, BlacklistDirection direction) {
        return new ProviderOutcome.Refused("pnhub.UNSUPPORTED", "blacklists are not supported by " + platform());
    }

    /** Takes a number off the pool's blacklist for one direction. Absent counts as success. */
    default ProviderOutcome deleteBlacklist(String poolKey, String number, BlacklistDirection direction) {
        return new ProviderOutcome.Refused("pnhub.UNSUPPORTED", "blacklists are not supported by " + platform());
    }

    /**
     * The subscription id of the live AXN binding on {@code x} (Success.subsId; a Success without one, or a
     * Refused {@code isv.SUBS_NOT_EXIST}, means there is none). Used by reconciliation.
     */
    default ProviderOutcome querySubsId(String poolKey, String x) {
        return new ProviderOutcome.Refused("pnhub.UNSUPPORTED", "subscription queries are not supported by " + platform());
    }

    /** One subscription as the provider reports it ({@code detail} only on Success). Used by reconciliation. */
    default DetailOutcome querySubscriptionDetail(String poolKey, String subsId, String x) {
        return new DetailOutcome(new ProviderOutcome.Refused("pnhub.UNSUPPORTED",
                "subscription queries are not supported by " + platform()), null);
    }

    /** A subscription as the provider reports it; {@code active}: it is live. Times are the provider's strings. */
    record SubscriptionDetail(String subsId, String x, String phoneA, String phoneB, boolean active,
                              String expireDate, String gmtCreate) {
        @Override
        public String toString() {
            return "SubscriptionDetail[" + subsId + " x=" + PhoneMask.number(x) + " a=" + PhoneMask.number(phoneA) + " b="
                    + PhoneMask.number(phoneB) + " active=" + active + " expires=" + expireDate + "]";
        }
    }

    /** {@code detail} is set only when {@code outcome} is a Success. */
    record DetailOutcome(ProviderOutcome outcome, SubscriptionDetail detail) {
    }
}
