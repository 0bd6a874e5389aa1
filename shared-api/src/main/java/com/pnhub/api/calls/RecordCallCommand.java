package com.pnhub.api.calls;

import com.pnhub.api.numbers.CallRecordedEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A call record the provider pushed for X: creates the call's own record, whose identifier is
 * {@code callKey} ({@link CallRecordedEvent#streamOf(String)} of the call id), so a second push of the same call
 * finds it taken. {@code attribution} is who held X when the call was placed.
 */
public record RecordCallCommand(@TargetAggregateIdentifier String callKey, String number, CallRecord record,
                                CallAttribution attribution) {
}
