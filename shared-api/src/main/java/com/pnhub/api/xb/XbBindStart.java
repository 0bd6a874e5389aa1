package com.pnhub.api.xb;

import java.time.Instant;

/**
 * What {@link BindXbCommand} started: a new binding (the provider is being asked), or the live binding the
 * same agent already has with the same B, whose expiry the caller may extend.
 */
public record XbBindStart(boolean existing, String bindingId, long callbackId, String subsId, Instant expiresAt) {
}
