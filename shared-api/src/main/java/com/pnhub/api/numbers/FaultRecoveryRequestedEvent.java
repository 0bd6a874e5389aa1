package com.pnhub.api.numbers;

/** An operator asked for a fault binding to be pushed to its provider now (a declared one holds until then). */
public record FaultRecoveryRequestedEvent(String number, String operationId, String userId, String faultOperationId)
        implements PrivateNumberEvent {
}
