package com.pnhub.command.number;

/**
 * Calls recorded before a call had a stream of its own (they are events of X's stream, write model revision 1), and
 * the legacy xbid sequence. A call is recorded once because its stream can begin once ({@code RecordedCall}); this
 * ledger answers for the calls that have no such stream.
 */
public interface CallLedger {

    /** @return true when this call was recorded as an event of its number's stream (before revision 2) */
    boolean recordedBefore(String callId);

    /** A fresh legacy xbid (callbackId) for a customer binding MIS asked for without one. */
    long nextCallbackId();
}
