package com.pnhub.api.calls;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;
import static com.pnhub.api.privacy.PersonalData.Subject.CUSTOMER;

import com.pnhub.api.privacy.PersonalData;
import java.time.Instant;

/**
 * One call as the provider reports it (Aliyun SecretReport): A, X, B, the subscription, the call type
 * (0 A called B, 1 B called A, 4 intercepted), when it was placed, answered and released, and why it ended.
 * startTime equals releaseTime for an unanswered call.
 */
public record CallRecord(String callId, String subsId, @PersonalData(AGENT) String phoneA,
        @PersonalData(CUSTOMER) String phoneB, int callType, Instant callTime, Instant startTime, Instant releaseTime,
        Integer releaseCause, Integer releaseDir, String poolKey) {

    /** Talk time in whole seconds; 0 when the call was not answered. */
    public long durationSeconds() {
        if (startTime == null || releaseTime == null || releaseTime.isBefore(startTime)) {
            return 0;
        }
        return releaseTime.getEpochSecond() - startTime.getEpochSecond();
    }
}
