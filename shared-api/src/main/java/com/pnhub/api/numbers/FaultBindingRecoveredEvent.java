package com.pnhub.api.numbers;

/** The provider took the fault binding: bound again, with its subscription id. */
public record FaultBindingRecoveredEvent(String number, String operationId, String userId, String phoneA, String subsId,
        BindType bindType) implements PrivateNumberEvent {
}
