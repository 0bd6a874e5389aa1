package com.pnhub.api.numbers;

/** The failover of this number ended and its temporary number was released. */
public record FailoverEndedEvent(String number, String userId, String temporaryNumber) implements PrivateNumberEvent {
}
