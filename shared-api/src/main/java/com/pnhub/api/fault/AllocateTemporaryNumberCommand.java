package com.pnhub.api.fault;

import com.pnhub.api.values.Platform;

/** Legacy #17: give the agent a temporary number of the platform as a fault binding. Handled by the pool allocator. */
public record AllocateTemporaryNumberCommand(String userId, String phoneA, Platform platform, String operationId) {
}
