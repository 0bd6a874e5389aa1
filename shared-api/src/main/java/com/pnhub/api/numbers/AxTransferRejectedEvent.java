package com.pnhub.api.numbers;

/** The provider refused to move A for a transfer: the number stays with fromUserId. */
public record AxTransferRejectedEvent(String number, String operationId, String fromUserId, String toUserId,
        String providerCode, String reason, boolean providerUnavailable) implements PrivateNumberEvent {
}
