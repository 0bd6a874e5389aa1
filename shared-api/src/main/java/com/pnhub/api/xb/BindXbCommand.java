package com.pnhub.api.xb;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Legacy #5: a customer (XB) binding on the agent's bound X so that X reaches B, until {@code expiresAt}.
 * {@code bindingId} is the new binding's own id (unique; the member entity's key), {@code callbackId} the
 * legacy xbid answered to MIS.
 */
public record BindXbCommand(@TargetAggregateIdentifier String number, String bindingId, long callbackId, String userId,
                            String phoneB, Instant expiresAt, ClientBindingContext context,
                            String operationId) {
}
