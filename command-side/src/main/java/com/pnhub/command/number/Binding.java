package com.pnhub.command.number;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.privacy.PersonalData;

/**
 * A number's AX binding at its provider: exactly one of these states, each holding only its own data
 * (docs/state-machines.md). The transitional ones (requested, unbinding, changing A) wait for the provider's answer
 * through {@code ProviderCallSaga}, identified by their operation id, and know where a refusal takes the number back.
 */
// part of the PrivateNumber snapshot: the state is written by name
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "state")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Binding.Unbound.class, name = "UNBOUND"),
        @JsonSubTypes.Type(value = Binding.Requested.class, name = "BINDING"),
        @JsonSubTypes.Type(value = Binding.Bound.class, name = "BOUND"),
        @JsonSubTypes.Type(value = Binding.Unbinding.class, name = "UNBINDING"),
        @JsonSubTypes.Type(value = Binding.ChangingA.class, name = "CHANGING_A"),
        @JsonSubTypes.Type(value = Binding.Fault.class, name = "FAULT")})
sealed interface Binding {

    Unbound UNBOUND = new Unbound();

    BindState state();

    /** A at the provider, or for a fault binding the A it is to be pushed with; null when none. */
    default String phoneA() {
        return null;
    }

    default String subsId() {
        return null;
    }

    /** Waiting for the provider: every other change of the binding is refused as busy. */
    default boolean inFlight() {
        return state().inFlight();
    }

    /** No binding at the provider (X may still be assigned, ADR 0001). */
    record Unbound() implements Binding {
        @Override
        public BindState state() {
            return BindState.UNBOUND;
        }
    }

    /** A bind was asked for; {@code newAssignment}: the number became the agent's with it (a refusal gives it back). */
    record Requested(String operationId, @PersonalData(AGENT) String phoneA, boolean newAssignment) implements Binding {
        @Override
        public BindState state() {
            return BindState.BINDING;
        }
    }

    /** What a refused unbind or change of A returns to: a provider binding, or a fault binding. */
    sealed interface Settled extends Binding permits Bound, Fault {
        Settled withPhoneA(String newPhoneA);
    }

    record Bound(@PersonalData(AGENT) String phoneA, String subsId) implements Settled {
        @Override
        public BindState state() {
            return BindState.BOUND;
        }

        @Override
        public Bound withPhoneA(String newPhoneA) {
            return new Bound(newPhoneA, subsId);
        }
    }

    /** The provider is being told to unbind; {@code from} is what a refusal returns to; a release follows when asked. */
    record Unbinding(String operationId, Settled from, boolean releaseAfter) implements Binding {
        @Override
        public BindState state() {
            return BindState.UNBINDING;
        }

        @Override
        public String phoneA() {
            return from.phoneA();
        }

        @Override
        public String subsId() {
            return from.subsId();
        }
    }

    /**
     * The provider is moving A of a provider binding to {@code newPhoneA}, for a change of A or, with
     * {@code transferTo}, for a transfer to another holder.
     */
    record ChangingA(String operationId, Bound from, @PersonalData(AGENT) String newPhoneA, String transferFrom,
            String transferTo)
            implements Binding {
        @Override
        public BindState state() {
            return BindState.CHANGING_A;
        }

        @Override
        public String phoneA() {
            return from.phoneA();
        }

        @Override
        public String subsId() {
            return from.subsId();
        }

        boolean transfers() {
            return transferTo != null;
        }
    }

    /**
     * Bind state 5: the agent holds X, but the provider does not route it (or not as it should). {@code faultId} is the
     * operation that made it one (a push confirms that one only); {@code subsId} the subscription the provider may
     * still have (a declared fault); {@code phoneA} always the holder's phone, what a push binds X to.
     */
    record Fault(String faultId, @PersonalData(AGENT) String phoneA, String subsId, FaultCause cause)
            implements Settled {
        @Override
        public BindState state() {
            return BindState.FAULT;
        }

        @Override
        public Fault withPhoneA(String newPhoneA) {
            return new Fault(faultId, newPhoneA, subsId, cause);
        }
    }
}
