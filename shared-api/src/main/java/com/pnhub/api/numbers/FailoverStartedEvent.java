package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;

/** The holder of this fault binding got a temporary number on a healthy platform (the temporary number's own history has its AxFaultBoundEvent). */
public record FailoverStartedEvent(String number, String userId, String temporaryNumber, Platform temporaryPlatform)
        implements PrivateNumberEvent {
}
