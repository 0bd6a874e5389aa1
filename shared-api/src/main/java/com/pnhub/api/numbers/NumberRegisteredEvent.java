package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;

/** A number entered the pool, free and in state 正常. */
public record NumberRegisteredEvent(String number, Platform platform, long poolId, long regionId) implements PrivateNumberEvent {
}
