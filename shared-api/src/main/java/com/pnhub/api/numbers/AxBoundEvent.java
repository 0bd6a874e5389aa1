package com.pnhub.api.numbers;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;

/** The provider bound X to A. */
public record AxBoundEvent(String number, String operationId, String userId, @PersonalData(AGENT) String phoneA,
        String subsId, Platform platform, long poolId) implements PrivateNumberEvent {
}
