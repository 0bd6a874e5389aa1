package com.pnhub.api.numbers;

/** The provider refused to move A; the old A stays. */
public record AxPhoneChangeRejectedEvent(String number, String operationId, String userId, String providerCode, String reason, boolean providerUnavailable) implements PrivateNumberEvent {
}
