package com.pnhub.api.history;

import java.time.Instant;

/** The answer of GET /api/v1/numbers/{x}/holder?at=: holder null when nobody held X at that instant. */
public record HolderAt(String number, Instant at, HolderInterval holder) {
}
