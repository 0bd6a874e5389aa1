package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;

/** The provider took the fault binding: bound again, with its subscription id. */
public record FaultBindingRecoveredEvent(String number, String operationId, String userId,
        @PersonalData(AGENT) String phoneA, String subsId, BindType bindType) implements PrivateNumberEvent {
}
