package com.pnhub.command.adminapi;

import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangeRejectedEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxTransferRejectedEvent;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberStateChangedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.numbers.Platform;
import com.pnhub.api.numbers.XbBindRequestedEvent;
import com.pnhub.api.numbers.XbBindingExpiredEvent;
import com.pnhub.api.numbers.XbBindingExtendedEvent;
import com.pnhub.api.numbers.XbBindingRejectedEvent;
import com.pnhub.api.numbers.XbBoundEvent;
import com.pnhub.api.numbers.XbUnbindRequestedEvent;
import com.pnhub.api.numbers.XbUnboundEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one number as its events leave it: a small fold for GET /api/v1/numbers/{x}/state?at=,
 * mirroring the PrivateNumber aggregate's event sourcing handlers for the fields it answers (holder, A,
 * subscription, bind and number state, customer bindings). Events it does not know (blacklists, failover, call
 * records) change none of them. The consistency check (app, {@code ConsistencyCheck}) folds every number with it.
 */
public final class NumberStateFold {

    /** The answer: the state at that instant, and how many of the number's events it took. */
    public record StateAt(String number, Instant at, BindState bindState, NumberState numberState, String userId,
                          String phoneA, String subsId, Platform platform, List<ClientBindingState> clientBindings,
                          int eventsApplied) {
    }

    /** A customer (XB) binding not yet ended at that instant; status BINDING, LIVE, EXPIRED or UNBINDING. */
    public record ClientBindingState(String bindingId, long callbackId, String userId, String phoneB, String subsId,
                                     Instant expiresAt, String status) {
        ClientBindingState with(String newSubsId, Instant newExpiresAt, String newStatus) {
            return new ClientBindingState(bindingId, callbackId, userId, phoneB, newSubsId, newExpiresAt, newStatus);
        }
    }

    private final String number;
    private BindState bindState;
    private NumberState numberState;
    private String userId;
    private String phoneA;
    private String subsId;
    private Platform platform;
    private int eventsApplied;
    /** The bind state before an unbind was requested: a refused unbind goes back to it. */
    private BindState beforeUnbind;
    private final Map<String, ClientBindingState> clientBindings = new LinkedHashMap<>();

    public NumberStateFold(String number) {
        this.number = number;
    }

    public NumberStateFold apply(Object event) {
        eventsApplied++;
        if (event instanceof NumberRegisteredEvent e) {
            platform = e.platform();
            numberState = NumberState.NORMAL;
            bindState = BindState.UNBOUND;
        } else if (event instanceof AxBindRequestedEvent e) {
            userId = e.userId();
            phoneA = e.phoneA();
            bindState = BindState.BINDING;
        } else if (event instanceof AxBoundEvent e) {
            bindState = BindState.BOUND;
            subsId = e.subsId();
        } else if (event instanceof AxBindingRejectedEvent e) {
            bindState = BindState.UNBOUND;
            phoneA = null;
            if (e.assignmentEnded()) {
                userId = null;
            }
        } else if (event instanceof AxUnbindRequestedEvent) {
            beforeUnbind = bindState;
            bindState = BindState.UNBINDING;
        } else if (event instanceof AxUnboundEvent) {
            bindState = BindState.UNBOUND;
            subsId = null;
            phoneA = null;
        } else if (event instanceof AxUnbindingRejectedEvent) {
            bindState = beforeUnbind == BindState.FAULT ? BindState.FAULT : BindState.BOUND;
        } else if (event instanceof AxPhoneChangeRequestedEvent || event instanceof AxTransferRequestedEvent) {
            bindState = BindState.CHANGING_A;
        } else if (event instanceof AxPhoneChangedEvent e) {
            bindState = BindState.BOUND;
            phoneA = e.newPhoneA();
        } else if (event instanceof AxPhoneChangeRejectedEvent || event instanceof AxTransferRejectedEvent) {
            bindState = BindState.BOUND;
        } else if (event instanceof NumberTransferredEvent e) {
            userId = e.toUserId();
            phoneA = e.newPhoneA();
            if (bindState == BindState.CHANGING_A) {
                bindState = BindState.BOUND;
            }
        } else if (event instanceof AxFaultBoundEvent e) {
            userId = e.userId();
            phoneA = e.phoneA();
            subsId = e.subsId();
            bindState = BindState.FAULT;
        } else if (event instanceof FaultBindingRecoveredEvent e) {
            bindState = BindState.BOUND;
            subsId = e.subsId();
        } else if (event instanceof FaultBindingEndedEvent e) {
            bindState = BindState.UNBOUND;
            subsId = null;
            phoneA = null;
            if (e.assignmentEnded()) {
                userId = null;
            }
        } else if (event instanceof NumberStateChangedEvent e) {
            numberState = e.newState();
        } else if (event instanceof XbBindRequestedEvent e) {
            clientBindings.put(e.bindingId(), new ClientBindingState(e.bindingId(), e.callbackId(), e.userId(), e.phoneB(),
                    null, e.expiresAt(), "BINDING"));
        } else if (event instanceof XbBoundEvent e) {
            clientBindings.computeIfPresent(e.bindingId(), (k, b) -> b.with(e.subsId(), e.expiresAt(), "LIVE"));
        } else if (event instanceof XbBindingExtendedEvent e) {
            clientBindings.computeIfPresent(e.bindingId(), (k, b) -> b.with(b.subsId(), e.expiresAt(), b.status()));
        } else if (event instanceof XbBindingExpiredEvent e) {
            clientBindings.computeIfPresent(e.bindingId(), (k, b) -> b.with(b.subsId(), b.expiresAt(), "EXPIRED"));
        } else if (event instanceof XbUnbindRequestedEvent e) {
            clientBindings.computeIfPresent(e.bindingId(), (k, b) -> b.with(b.subsId(), b.expiresAt(), "UNBINDING"));
        } else if (event instanceof XbUnboundEvent e) {
            clientBindings.remove(e.bindingId());
        } else if (event instanceof XbBindingRejectedEvent e) {
            clientBindings.remove(e.bindingId());
        } else if (event instanceof NumberReleasedEvent) {
            bindState = BindState.UNBOUND;
            userId = null;
            phoneA = null;
            subsId = null;
        }
        return this;
    }

    public StateAt at(Instant at) {
        return new StateAt(number, at, bindState, numberState, userId, phoneA, subsId, platform,
                List.copyOf(clientBindings.values()), eventsApplied);
    }
}
