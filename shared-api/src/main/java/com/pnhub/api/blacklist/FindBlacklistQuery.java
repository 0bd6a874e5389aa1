package com.pnhub.api.blacklist;

/** Blacklist entries, optionally of one platform and/or one number (B or X). */
public record FindBlacklistQuery(Integer platform, String number) {
}
