package com.pnhub.command.gateway;

/** What a reconciliation run can find for one number. */
public enum FindingKind {
    /** The provider has a live subscription on the number that our binding does not know: unbound there. */
    ORPHAN,
    /** We are bound with a subscription the provider no longer has: made a fault binding, which rebinds it. */
    LOST,
    /** Both have the subscription, but the provider's A is not ours: the provider's A is moved back. */
    A_MISMATCH,
    /** The provider refused to answer about the number (for good, not a transient failure): nothing compared. */
    UNCHECKED
}
