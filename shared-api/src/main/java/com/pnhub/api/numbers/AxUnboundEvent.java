package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;

/** The provider binding ended; the number is still assigned to the agent. */
public record AxUnboundEvent(String number, String operationId, String userId, @PersonalData(AGENT) String phoneA,
        String subsId) implements PrivateNumberEvent {
}
