package com.pnhub.api.numbers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A call record the provider pushed for X. {@code attribution} is who held X when the call started, as the
 * binding intervals know it; the aggregate prefers its own live customer binding with the record's
 * subscription. Answers false when this call_id is recorded already.
 */
public record RecordCallCommand(@TargetAggregateIdentifier String number, CallRecord record, CallAttribution attribution) {
}
