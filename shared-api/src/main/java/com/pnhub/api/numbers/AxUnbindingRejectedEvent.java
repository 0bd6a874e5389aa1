package com.pnhub.api.numbers;

/** The provider refused to unbind; the binding stays as it was. */
public record AxUnbindingRejectedEvent(String number, String operationId, String userId, String providerCode, String reason, boolean providerUnavailable) implements PrivateNumberEvent {
}
