package com.pnhub.api.metadata;

/** Metadata keys every command carries and every event it causes inherits. */
public final class MetadataKeys {
    public static final String OPERATOR = "operator";
    public static final String ADD_USER = "addUser";
    public static final String LAST_USER = "lastUser";
    public static final String CHANNEL = "channel";
    public static final String REQUEST_ID = "requestId";

    private MetadataKeys() {
    }
}
