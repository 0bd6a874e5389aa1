package com.pnhub.api.history;

import java.time.Instant;

/** The customer bindings live on X at that instant. */
public record FindClientBindingsAtQuery(String number, Instant at) {
}
