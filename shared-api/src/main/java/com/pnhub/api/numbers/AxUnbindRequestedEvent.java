package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;

/** Ending the provider binding is under way; releaseAfter: the assignment ends too (legacy #9). */
public record AxUnbindRequestedEvent(String number, String operationId, String userId,
        @PersonalData(AGENT) String phoneA, String subsId, Platform platform, long poolId, boolean releaseAfter)
        implements PrivateNumberEvent {
}
