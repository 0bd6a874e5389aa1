package com.pnhub.api.metadata;

/** Metadata keys every command carries and every event it causes inherits. */
public final class MetadataKeys {
    public static final String OPERATOR = "operator";
    public static final String ADD_USER = "addUser";
    public static final String LAST_USER = "lastUser";
    public static final String CHANNEL = "channel";
    public static final String REQUEST_ID = "requestId";
    /** Where a request came from: "queue <name>", "http push from <address>", "legacy http from <address>". */
    public static final String SOURCE = "source";

    private MetadataKeys() {
    }
}
