package com.pnhub.api.numbers;

/** The provider refused the customer binding, or could not be reached: there is none. */
public record XbBindingRejectedEvent(String number, String operationId, String bindingId, String userId, String phoneB,
                                     String providerCode, String reason, boolean providerUnavailable)
        implements PrivateNumberEvent {
}
