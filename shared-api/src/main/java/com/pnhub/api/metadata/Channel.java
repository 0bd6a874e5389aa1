package com.pnhub.api.metadata;

/** Through which entry a command reached the service; recorded in every event's metadata. */
public enum Channel {
    LEGACY_HTTP,
    API_V1,
    MESSAGE,
    SAGA,
    /** a provider pushing to us (call records) */
    PROVIDER_CALLBACK,
    SYSTEM
}
