package com.pnhub.api.xb;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The binding's expiry deadline, scheduled for {@code scheduledFor}, fired (an extended binding ignores it). */
public record ExpireXbBindingCommand(@TargetAggregateIdentifier String number, String bindingId, Instant scheduledFor) {
}
