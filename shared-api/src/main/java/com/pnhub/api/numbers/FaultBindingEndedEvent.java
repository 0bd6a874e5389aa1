package com.pnhub.api.numbers;

/** A fault binding ended without reaching the provider (#12, #13 without a subscription, or a provider refusal): unbound; a temporary number also goes back to the pool (assignmentEnded). */
public record FaultBindingEndedEvent(String number, String operationId, String userId, BindType bindType,
        boolean assignmentEnded, String reason) implements PrivateNumberEvent {
}
