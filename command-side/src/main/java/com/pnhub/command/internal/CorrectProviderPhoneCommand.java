package com.pnhub.command.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reconciliation: the provider's A of this bound number's subscription differs from ours. Asks the
 * provider to move its A back to ours (a phone change from our A to our A). {@code subsId}: the
 * subscription reconciliation compared; when the binding has another one by now, the command does nothing.
 * Answers true when the correction is under way.
 */
public record CorrectProviderPhoneCommand(@TargetAggregateIdentifier String number, String subsId, String operationId) {
}
