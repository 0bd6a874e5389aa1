package com.pnhub.command.number;

/**
 * Which provider calls are recorded: the set-based rule "each call_id once" (ADR 0003), written in the
 * recording command's unit of work so that a rolled-back command leaves no claim behind.
 */
public interface CallLedger {

    /** @return true when this call is new and now claimed for {@code number}; false when it was recorded before */
    boolean claim(String callId, String number);

    /** A fresh legacy xbid (callbackId) for a customer binding MIS asked for without one. */
    long nextCallbackId();
}
