package com.pnhub.api.numbers;

/** Picks a free number of the platform for the agent and binds it (legacy #16). Not addressed to one number: a pool allocator handles it. */
public record BindAxByPlatformCommand(String userId, String phoneA, Platform platform, String operationId) {
}
