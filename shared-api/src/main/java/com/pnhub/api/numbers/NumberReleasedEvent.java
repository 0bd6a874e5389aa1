package com.pnhub.api.numbers;

/** The assignment ended; the number is free again. */
public record NumberReleasedEvent(String number, String operationId, String userId) implements PrivateNumberEvent {
}
