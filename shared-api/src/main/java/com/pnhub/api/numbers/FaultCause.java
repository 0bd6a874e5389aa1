package com.pnhub.api.numbers;

/** Why a binding is a fault binding (bind state 5). */
public enum FaultCause {
    /** The provider could not be reached when the binding was made. */
    PROVIDER_UNAVAILABLE,
    /** An operator declared the binding faulty (legacy #11). */
    DECLARED,
    /** A temporary number given as a fault binding (legacy #17). */
    TEMPORARY
}
