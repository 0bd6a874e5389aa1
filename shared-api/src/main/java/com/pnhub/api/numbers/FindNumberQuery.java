package com.pnhub.api.numbers;

/** The current state of one number (a NumberView, null when unknown). */
public record FindNumberQuery(String number) {
}
