package com.pnhub.query.redis;

import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the legacy hash PrivateNumber_user_axs, on the fields of a map: field = user id, value
 * {"xNumber":…,"bindType":…} while the user holds a number (bindType 1 while it is a fault binding or a temporary
 * number). A field is removed only if it still names the number being given up, so an older event of another number
 * can never erase the user's current one. Pure: the projection applies them to the fields a batch touches, the
 * consistency check to a whole expected hash.
 */
public final class UserAxsRules {

    private UserAxsRules() {
    }

    public static String value(String number, BindType bindType) {
        return "{\"xNumber\":\"" + number + "\",\"bindType\":" + bindType.code() + "}";
    }

    /** The users whose fields the event may change (what the projection reads before it applies a batch). */
    public static Set<String> users(Object event) {
        if (event instanceof NumberTransferredEvent e) {
            return Set.of(e.fromUserId(), e.toUserId());
        }
        String user = userOf(event);
        return user == null ? Set.of() : Set.of(user);
    }

    /** Applies the event to {@code hash}, in which an absent field is a missing key. */
    public static void apply(Map<String, String> hash, Object event) {
        if (event instanceof AxBoundEvent e) {
            hash.put(e.userId(), value(e.number(), BindType.NORMAL));
        } else if (event instanceof AxBindingRejectedEvent e) {
            if (e.assignmentEnded()) {
                removeIfHolding(hash, e.userId(), e.number());
            }
        } else if (event instanceof NumberReleasedEvent e) {
            removeIfHolding(hash, e.userId(), e.number());
        } else if (event instanceof NumberTransferredEvent e) {
            removeIfHolding(hash, e.fromUserId(), e.number());
            // a temporary number stays temporary, and a fault binding a fault binding, wherever it goes
            boolean temporary = e.bindType() == BindType.TEMPORARY || e.bindState() == BindState.FAULT;
            hash.put(e.toUserId(), value(e.number(), temporary ? BindType.TEMPORARY : BindType.NORMAL));
        } else if (event instanceof AxFaultBoundEvent e) {
            // a fault binding (or a temporary number) is what the user is reachable through now
            hash.put(e.userId(), value(e.number(), BindType.TEMPORARY));
        } else if (event instanceof FaultBindingRecoveredEvent e) {
            hash.put(e.userId(), value(e.number(), e.bindType()));
        } else if (event instanceof FaultBindingEndedEvent e) {
            if (e.assignmentEnded()) {
                removeIfHolding(hash, e.userId(), e.number());
            } else {
                // still the user's number (assigned, unbound): an ordinary entry again
                hash.put(e.userId(), value(e.number(), BindType.NORMAL));
            }
        } else if (event instanceof AxUnboundEvent e) {
            // unbound but still the user's number (ADR 0001): an ordinary entry, whatever it was before
            if (e.userId() != null && holds(hash, e.userId(), e.number())) {
                hash.put(e.userId(), value(e.number(), BindType.NORMAL));
            }
        }
    }

    private static String userOf(Object event) {
        if (event instanceof AxBoundEvent e) {
            return e.userId();
        } else if (event instanceof AxBindingRejectedEvent e) {
            return e.userId();
        } else if (event instanceof NumberReleasedEvent e) {
            return e.userId();
        } else if (event instanceof AxFaultBoundEvent e) {
            return e.userId();
        } else if (event instanceof FaultBindingRecoveredEvent e) {
            return e.userId();
        } else if (event instanceof FaultBindingEndedEvent e) {
            return e.userId();
        } else if (event instanceof AxUnboundEvent e) {
            return e.userId();
        }
        return null;
    }

    private static void removeIfHolding(Map<String, String> hash, String userId, String number) {
        if (userId != null && holds(hash, userId, number)) {
            hash.remove(userId);
        }
    }

    private static boolean holds(Map<String, String> hash, String userId, String number) {
        String v = hash.get(userId);
        return v != null && v.contains("\"xNumber\":\"" + number + "\"");
    }
}
