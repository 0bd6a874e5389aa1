package com.pnhub.api.numbers;

import com.pnhub.api.calls.CallAttribution;
import com.pnhub.api.calls.CallRecord;

/**
 * A call on X, recorded once per call_id, attributed to whoever held X (or the customer binding) then. Since
 * revision 2 of the write model it is the first event of the call's own stream ({@link #streamOf(String)}), not of
 * X's: a call decides nothing about X, and its stream identifier makes a second record of the same call impossible.
 * Calls recorded before that are in X's stream.
 */
public record CallRecordedEvent(String number, CallRecord record, CallAttribution attribution)
        implements PrivateNumberEvent {

    /** The stream (aggregate identifier) of a call's record. */
    public static String streamOf(String callId) {
        return "call:" + callId;
    }
}
