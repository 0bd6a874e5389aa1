package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;

/** The number is assigned to the agent (newAssignment: by this request) and its provider binding is under way. */
public record AxBindRequestedEvent(String number, String operationId, String userId,
        @PersonalData(AGENT) String phoneA, Platform platform, long poolId, long regionId, boolean newAssignment)
        implements PrivateNumberEvent {
}
