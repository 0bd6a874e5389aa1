package com.pnhub.api.numbers;

/** The number now belongs to toUserId (transferred from fromUserId); a bound number routes to newPhoneA. */
public record NumberTransferredEvent(String number, String operationId, String fromUserId, String toUserId,
        String oldPhoneA, String newPhoneA) implements PrivateNumberEvent {
}
