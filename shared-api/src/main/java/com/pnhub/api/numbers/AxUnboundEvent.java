package com.pnhub.api.numbers;

/** The provider binding ended; the number is still assigned to the agent. */
public record AxUnboundEvent(String number, String operationId, String userId, String phoneA, String subsId) implements PrivateNumberEvent {
}
