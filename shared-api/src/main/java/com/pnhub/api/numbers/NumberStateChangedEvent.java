package com.pnhub.api.numbers;

/** The number state (dictionary 1527) changed. */
public record NumberStateChangedEvent(String number, NumberState previousState, NumberState newState) implements PrivateNumberEvent {
}
