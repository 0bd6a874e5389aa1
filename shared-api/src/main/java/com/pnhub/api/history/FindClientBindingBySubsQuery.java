package com.pnhub.api.history;

/** The customer binding on X with that provider subscription, live or ended; null when there is none. */
public record FindClientBindingBySubsQuery(String number, String subsId) {
}
