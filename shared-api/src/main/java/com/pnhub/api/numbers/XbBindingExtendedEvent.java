package com.pnhub.api.numbers;

import java.time.Instant;

/** The same agent asked for the same B again while the binding lived: it now lives until {@code expiresAt}. */
public record XbBindingExtendedEvent(String number, String operationId, String bindingId, Instant previousExpiresAt,
                                     Instant expiresAt) implements PrivateNumberEvent {
}
