package com.pnhub.command.provider;

/** What a provider said, reduced to the three cases a caller must treat differently. */
public sealed interface ProviderOutcome {

    /** Done. {@code subsId} is the subscription id for binds, {@code null} otherwise. */
    record Success(String subsId, String requestId) implements ProviderOutcome {

        @Override
        public String code() {
            return "OK";
        }

        @Override
        public String message() {
            return "OK";
        }
    }

    /** A definitive refusal (isv.* other than flow limit): retrying will not help. */
    record Refused(String code, String message) implements ProviderOutcome {
    }

    /** Transient: timeout, unreachable, 5xx, isp.*, isv.FLOW_LIMIT. Safe to retry later. */
    record Unavailable(String code, String message) implements ProviderOutcome {
    }

    /** The provider's code: "OK" for a success. */
    String code();

    String message();

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** Worth trying again later (timeouts, unreachable, throttled), as opposed to done or refused. */
    default boolean isTransient() {
        return this instanceof Unavailable;
    }
}
