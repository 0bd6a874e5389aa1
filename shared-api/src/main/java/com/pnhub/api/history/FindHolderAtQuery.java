package com.pnhub.api.history;

import java.time.Instant;

/** Who held the number at that instant: a {@link HolderInterval}, null when nobody held it then. */
public record FindHolderAtQuery(String number, Instant at) {
}
