package com.pnhub.command.operation;

/** How a provider-backed operation ended, as the caller waiting for it needs to know. */
public record OperationOutcome(boolean succeeded, String number, String providerCode, String reason) {

    public static OperationOutcome success(String number) {
        return new OperationOutcome(true, number, "OK", null);
    }

    public static OperationOutcome failure(String number, String providerCode, String reason) {
        return new OperationOutcome(false, number, providerCode, reason);
    }

    /** Transient provider trouble (timeouts, unreachable, isp.*, flow limit) as opposed to a refusal. */
    public boolean providerUnavailable() {
        if (succeeded || providerCode == null) {
            return false;
        }
        return providerCode.startsWith("isp.") || providerCode.startsWith("SDK.")
                || providerCode.equals("isv.FLOW_LIMIT") || providerCode.startsWith("Throttling")
                || providerCode.equals("UNAVAILABLE");
    }
}
