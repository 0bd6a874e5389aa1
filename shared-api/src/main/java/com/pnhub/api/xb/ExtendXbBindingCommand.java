package com.pnhub.api.xb;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider already moved the subscription's expiration to {@code expiresAt}; the binding follows. */
public record ExtendXbBindingCommand(@TargetAggregateIdentifier String number, String bindingId, Instant expiresAt,
                                     String operationId) {
}
