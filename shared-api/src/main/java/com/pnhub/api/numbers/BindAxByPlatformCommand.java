package com.pnhub.api.numbers;

import com.pnhub.api.values.Platform;

/** Picks a free number of the platform for the agent and binds it (legacy #16). Not addressed to one number: a pool allocator handles it. */
public record BindAxByPlatformCommand(String userId, String phoneA, Platform platform, String operationId) {
}
