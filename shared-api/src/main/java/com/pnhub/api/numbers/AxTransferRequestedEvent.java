package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;

/** A transfer of a bound number is under way: the provider is moving A to the new holder's phone. */
public record AxTransferRequestedEvent(String number, String operationId, String fromUserId, String toUserId,
        String oldPhoneA, String newPhoneA, String subsId, Platform platform, long poolId) implements PrivateNumberEvent {
}
