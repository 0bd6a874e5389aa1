package com.pnhub.api.numbers;

/** A call on X, recorded once per call_id, attributed to whoever held X (or the customer binding) then. */
public record CallRecordedEvent(String number, CallRecord record, CallAttribution attribution)
        implements PrivateNumberEvent {
}
