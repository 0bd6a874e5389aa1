package com.pnhub.api.numbers;

/** The provider now routes X to the new A. */
public record AxPhoneChangedEvent(String number, String operationId, String userId, String oldPhoneA, String newPhoneA) implements PrivateNumberEvent {
}
