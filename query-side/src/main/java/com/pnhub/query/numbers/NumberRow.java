package com.pnhub.query.numbers;

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
import java.time.Instant;
import java.util.Objects;

/**
 * One row of number_view, and how each event of the number changes it: the bind state is the one the event names
 * or stands for, never derived from what the row held. The row keeps the legacy #3 reading of a transfer: user_id is
 * the account it came from, tuser_id the one holding it now (ADR 0007). Pure: the projection loads, applies and
 * writes rows; tests apply the aggregate's event sequences to it.
 */
public final class NumberRow {

    final String number;
    int platform;
    long poolId;
    long regionId;
    int numberState = NumberState.NORMAL.code();
    BindState bindState = BindState.UNBOUND;
    String userId;
    String tuserId;
    String phoneA;
    String subsId;
    long lastSequence = -1;
    Instant updatedAt;
    Instant freedAt;

    NumberRow(String number) {
        this.number = number;
    }

    /** A row for a number's registration, or null when the event is not a registration (nothing to start from). */
    static NumberRow startedBy(Object event, long seq, Instant at) {
        if (event instanceof NumberRegisteredEvent e) {
            NumberRow row = new NumberRow(e.number());
            row.platform = e.platform().code();
            row.poolId = e.poolId();
            row.regionId = e.regionId();
            row.lastSequence = seq;
            row.updatedAt = at;
            return row;
        }
        return null;
    }

    /** @return whether the event changed the row (an event it has seen already changes nothing) */
    boolean apply(Object event, long seq, Instant at) {
        if (seq <= lastSequence) {
            return false;
        }
        if (event instanceof AxBindRequestedEvent e) {
            takenBy(e.userId());
            phoneA = e.phoneA();
            regionId = e.regionId();
            bindState = BindState.BINDING;
        } else if (event instanceof AxBoundEvent e) {
            bindState = BindState.BOUND;
            subsId = e.subsId();
            phoneA = e.phoneA();
        } else if (event instanceof AxBindingRejectedEvent e) {
            bindState = BindState.UNBOUND;
            phoneA = null;
            if (e.assignmentEnded()) {
                freed(at);
            }
        } else if (event instanceof AxUnbindRequestedEvent) {
            bindState = BindState.UNBINDING;
        } else if (event instanceof AxUnboundEvent) {
            bindState = BindState.UNBOUND;
            subsId = null;
            phoneA = null;
        } else if (event instanceof AxUnbindingRejectedEvent e) {
            bindState = e.bindState();
        } else if (event instanceof AxPhoneChangeRequestedEvent || event instanceof AxTransferRequestedEvent) {
            bindState = BindState.CHANGING_A;
        } else if (event instanceof AxPhoneChangedEvent e) {
            bindState = e.bindState();
            phoneA = e.newPhoneA();
        } else if (event instanceof AxPhoneChangeRejectedEvent || event instanceof AxTransferRejectedEvent) {
            bindState = BindState.BOUND;
        } else if (event instanceof NumberTransferredEvent e) {
            userId = e.fromUserId();
            tuserId = e.toUserId();
            phoneA = e.newPhoneA();
            bindState = e.bindState();
        } else if (event instanceof AxFaultBoundEvent e) {
            takenBy(e.userId());
            phoneA = e.phoneA();
            subsId = e.subsId();
            bindState = BindState.FAULT;
        } else if (event instanceof FaultBindingRecoveredEvent e) {
            bindState = BindState.BOUND;
            subsId = e.subsId();
            phoneA = e.phoneA();
        } else if (event instanceof FaultBindingEndedEvent e) {
            bindState = BindState.UNBOUND;
            phoneA = null;
            subsId = null;
            if (e.assignmentEnded()) {
                freed(at);
            }
        } else if (event instanceof NumberStateChangedEvent e) {
            numberState = e.newState().code();
        } else if (event instanceof NumberReleasedEvent) {
            bindState = BindState.UNBOUND;
            phoneA = null;
            subsId = null;
            freed(at);
        } else {
            // an event of the number that the row does not show (blacklist, failover, customer bindings): the row
            // moves on all the same, so that a redelivery of it is recognised
            lastSequence = seq;
            return false;
        }
        lastSequence = seq;
        updatedAt = at;
        return true;
    }

    /** A holder who got the number by transfer keeps the row's "from" account (user_id). */
    private void takenBy(String user) {
        if (!Objects.equals(tuserId, user)) {
            userId = user;
        }
        freedAt = null;
    }

    private void freed(Instant at) {
        userId = null;
        tuserId = null;
        freedAt = at;
    }

    /** Who holds the number now: the receiver of a transfer, else user_id. */
    String holder() {
        return tuserId != null ? tuserId : userId;
    }
}
