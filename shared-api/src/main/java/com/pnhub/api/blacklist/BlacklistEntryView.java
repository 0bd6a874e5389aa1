package com.pnhub.api.blacklist;

/** One blacklist entry; kind B for a customer number, X for a virtual number of the pool. */
public record BlacklistEntryView(int platform, String number, String kind, BlacklistDirection direction, String userId,
        java.time.Instant since) {
}
