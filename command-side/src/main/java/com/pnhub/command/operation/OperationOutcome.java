package com.pnhub.command.operation;

/** How a provider-backed operation ended, as the caller waiting for it needs to know. */
public record OperationOutcome(boolean succeeded, String number, String providerCode, String reason,
                               boolean providerUnavailable) {

    public static OperationOutcome success(String number) {
        return new OperationOutcome(true, number, "OK", null, false);
    }

    /** providerUnavailable: transient provider trouble (timeout, unreachable, throttled) rather than a refusal. */
    public static OperationOutcome failure(String number, String providerCode, String reason, boolean providerUnavailable) {
        return new OperationOutcome(false, number, providerCode, reason, providerUnavailable);
    }
}
