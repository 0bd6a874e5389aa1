package com.pnhub.api.fault;

/**
 * Why a binding is a fault binding (bind state 5). Whether it returns to the provider by itself depends on it
 * (docs/faults.md): the service's own faults do, an operator's declaration holds until it is ended or recovered.
 */
public enum FaultCause {
    /** The provider could not be reached when the binding was made: pushed again automatically. */
    PROVIDER_UNAVAILABLE,
    /** An operator declared the binding faulty (legacy #11): holds until #12, #13 or an explicit recovery. */
    DECLARED,
    /** A temporary number given as a fault binding (legacy #17): pushed to its provider automatically. */
    TEMPORARY,
    /** Reconciliation found the subscription gone at the provider: bound anew automatically. */
    SUBSCRIPTION_LOST;

    /** Whether the fault recovery saga pushes such a binding without being asked. */
    public boolean recoversByItself() {
        return this != DECLARED;
    }
}
