package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;

/** The provider bound X to A. */
public record AxBoundEvent(String number, String operationId, String userId, String phoneA, String subsId, Platform platform, long poolId) implements PrivateNumberEvent {
}
