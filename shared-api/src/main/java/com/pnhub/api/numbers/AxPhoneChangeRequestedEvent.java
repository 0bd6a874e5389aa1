package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;

/** Moving A to a new phone is under way at the provider. */
public record AxPhoneChangeRequestedEvent(String number, String operationId, String userId,
        @PersonalData(AGENT) String oldPhoneA, @PersonalData(AGENT) String newPhoneA, String subsId,
        Platform platform, long poolId) implements PrivateNumberEvent {
}
