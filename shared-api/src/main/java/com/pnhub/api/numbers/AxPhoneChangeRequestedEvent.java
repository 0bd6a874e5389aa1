package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;

/** Moving A to a new phone is under way at the provider. */
public record AxPhoneChangeRequestedEvent(String number, String operationId, String userId, String oldPhoneA, String newPhoneA, String subsId, Platform platform, long poolId) implements PrivateNumberEvent {
}
