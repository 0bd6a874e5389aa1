package com.pnhub.command.number;

/** What a bind command did: started a provider call, or found the binding already in place. */
public enum BindStart {
    STARTED,
    ALREADY_BOUND
}
