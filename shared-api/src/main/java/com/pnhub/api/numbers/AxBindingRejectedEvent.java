package com.pnhub.api.numbers;

/** The provider binding failed; assignmentEnded says whether the number went back to the pool (it had been assigned by this request). */
public record AxBindingRejectedEvent(String number, String operationId, String userId, String providerCode, String reason, boolean providerUnavailable, boolean assignmentEnded) implements PrivateNumberEvent {
}
