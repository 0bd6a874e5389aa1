package com.pnhub.api.numbers;

/** One row of QueryAgentNumbers, field for field the legacy row (the facade names them as the contract does). */
public record AgentNumberRow(
        String bindState,
        String numberState,
        int plateformid,
        String platformName,
        String userId,
        String userName,
        String tuserName,
        String tuserId,
        long poolId,
        String axNumA,
        String axNumber,
        String axSubid) {
}
