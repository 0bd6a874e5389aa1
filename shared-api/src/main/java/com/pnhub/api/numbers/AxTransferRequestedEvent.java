package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;

/** A transfer of a bound number is under way: the provider is moving A to the new holder's phone. */
public record AxTransferRequestedEvent(String number, String operationId, String fromUserId, String toUserId,
        @PersonalData(AGENT) String oldPhoneA, @PersonalData(AGENT) String newPhoneA, String subsId,
        Platform platform, long poolId) implements PrivateNumberEvent {
}
