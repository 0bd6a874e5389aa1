package com.pnhub.api.numbers;

/** Moving A to a new phone is under way at the provider. */
public record AxPhoneChangeRequestedEvent(String number, String operationId, String userId, String oldPhoneA, String newPhoneA, String subsId, Platform platform, long poolId) implements PrivateNumberEvent {
}
