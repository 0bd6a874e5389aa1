package com.pnhub.command.provider;

/** What a provider said, reduced to the three cases a caller must treat differently. */
public sealed interface ProviderOutcome {

    /** Done. {@code subsId} is the subscription id for binds, {@code null} otherwise. */
    record Success(String subsId, String requestId) implements ProviderOutcome {
    }

    /** A definitive refusal (isv.* other than flow limit): retrying will not help. */
    record Refused(String code, String message) implements ProviderOutcome {
    }

    /** Transient: timeout, unreachable, 5xx, isp.*, isv.FLOW_LIMIT. Safe to retry later. */
    record Unavailable(String code, String message) implements ProviderOutcome {
    }

    default boolean isSuccess() {
        return this instanceof Success;
    }
}
