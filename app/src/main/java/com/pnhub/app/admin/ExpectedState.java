package com.pnhub.app.admin;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
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
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberStateChangedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.query.redis.UserAxsProjection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the read models should hold, folded from the event stream in global order without touching
 * them. A number follows the aggregate's own transitions (so a read model that skipped or misapplied
 * an event shows up); the Redis hash follows the legacy hash's rules, which depend on the order of
 * events across numbers (a user's field is whichever binding wrote it last).
 */
final class ExpectedState {

    /** One number as the write side sees it after its last event. */
    static final class Number {
        final String number;
        NumberState state = NumberState.NORMAL;
        BindState bindState = BindState.UNBOUND;
        BindType bindType = BindType.NORMAL;
        String holder;
        String phoneA;
        String subsId;
        long lastSequence;
        private boolean unbindFromFault;

        Number(String number) {
            this.number = number;
        }

        void hold(String newHolder, String newPhoneA, BindState newBindState) {
            holder = newHolder;
            phoneA = newPhoneA;
            bindState = newBindState;
        }
    }

    record Agent(String name, String phone) {
    }

    private final Map<String, Number> numbers = new TreeMap<>();
    private final Map<String, Agent> agents = new TreeMap<>();
    private final Map<String, String> redis = new TreeMap<>();

    Map<String, Number> numbers() {
        return numbers;
    }

    Map<String, Agent> agents() {
        return agents;
    }

    /** Redis field (user id) → value. */
    Map<String, String> redis() {
        return redis;
    }

    void apply(Object payload, long sequence) {
        if (payload instanceof AgentProfileUpdatedEvent e) {
            agents.put(e.userId(), new Agent(e.name(), e.phone()));
        } else if (payload instanceof AgentPhoneChangedEvent e) {
            Agent old = agents.get(e.userId());
            agents.put(e.userId(), new Agent(old == null ? null : old.name(), e.newPhone()));
        } else if (payload instanceof com.pnhub.api.numbers.PrivateNumberEvent e) {
            Number n = e instanceof NumberRegisteredEvent ? numbers.computeIfAbsent(e.number(), Number::new) : numbers.get(e.number());
            if (n != null) {
                applyToNumber(n, e);
                n.lastSequence = sequence;
            }
            applyToRedis(e);
        }
    }

    private static void applyToNumber(Number n, Object e) {
        if (e instanceof AxBindRequestedEvent r) {
            n.hold(r.userId(), r.phoneA(), BindState.BINDING);
        } else if (e instanceof AxBoundEvent r) {
            n.bindState = BindState.BOUND;
            n.subsId = r.subsId();
            n.phoneA = r.phoneA();
        } else if (e instanceof AxBindingRejectedEvent r) {
            n.bindState = BindState.UNBOUND;
            n.phoneA = null;
            if (r.assignmentEnded()) {
                n.holder = null;
            }
        } else if (e instanceof AxUnbindRequestedEvent) {
            n.unbindFromFault = n.bindState == BindState.FAULT;
            n.bindState = BindState.UNBINDING;
        } else if (e instanceof AxUnboundEvent) {
            n.bindState = BindState.UNBOUND;
            n.subsId = null;
            n.phoneA = null;
        } else if (e instanceof AxUnbindingRejectedEvent) {
            n.bindState = n.unbindFromFault ? BindState.FAULT : BindState.BOUND;
        } else if (e instanceof AxPhoneChangeRequestedEvent || e instanceof AxTransferRequestedEvent) {
            n.bindState = BindState.CHANGING_A;
        } else if (e instanceof AxPhoneChangedEvent r) {
            n.bindState = BindState.BOUND;
            n.phoneA = r.newPhoneA();
        } else if (e instanceof AxPhoneChangeRejectedEvent || e instanceof AxTransferRejectedEvent) {
            n.bindState = BindState.BOUND;
        } else if (e instanceof NumberTransferredEvent r) {
            n.holder = r.toUserId();
            n.phoneA = r.newPhoneA();
            if (n.bindState == BindState.CHANGING_A) {
                n.bindState = BindState.BOUND;
            }
        } else if (e instanceof AxFaultBoundEvent r) {
            n.hold(r.userId(), r.phoneA(), BindState.FAULT);
            n.bindType = r.bindType();
            n.subsId = r.subsId();
        } else if (e instanceof FaultBindingRecoveredEvent r) {
            n.bindState = BindState.BOUND;
            n.subsId = r.subsId();
        } else if (e instanceof FaultBindingEndedEvent r) {
            endBinding(n, r.assignmentEnded());
        } else if (e instanceof NumberReleasedEvent) {
            endBinding(n, true);
        } else if (e instanceof NumberStateChangedEvent r) {
            n.state = r.newState();
        }
        if (!(e instanceof AxUnbindRequestedEvent)) {
            n.unbindFromFault = n.unbindFromFault && n.bindState == BindState.UNBINDING;
        }
    }

    private static void endBinding(Number n, boolean assignmentEnded) {
        n.bindState = BindState.UNBOUND;
        n.subsId = null;
        n.phoneA = null;
        if (assignmentEnded) {
            n.holder = null;
            n.bindType = BindType.NORMAL;
        }
    }

    /** The rules of the legacy hash (docs/architecture.md, {@code UserAxsProjection}), on a map. */
    private void applyToRedis(Object e) {
        if (e instanceof AxBoundEvent r) {
            redis.put(r.userId(), UserAxsProjection.value(r.number(), BindType.NORMAL));
        } else if (e instanceof AxBindingRejectedEvent r) {
            if (r.assignmentEnded()) {
                removeIfHolding(r.userId(), r.number());
            }
        } else if (e instanceof NumberReleasedEvent r) {
            removeIfHolding(r.userId(), r.number());
        } else if (e instanceof NumberTransferredEvent r) {
            removeIfHolding(r.fromUserId(), r.number());
            redis.put(r.toUserId(), UserAxsProjection.value(r.number(), BindType.NORMAL));
        } else if (e instanceof AxFaultBoundEvent r) {
            redis.put(r.userId(), UserAxsProjection.value(r.number(), BindType.TEMPORARY));
        } else if (e instanceof FaultBindingRecoveredEvent r) {
            redis.put(r.userId(), UserAxsProjection.value(r.number(), r.bindType()));
        } else if (e instanceof FaultBindingEndedEvent r) {
            if (r.assignmentEnded()) {
                removeIfHolding(r.userId(), r.number());
            } else {
                redis.put(r.userId(), UserAxsProjection.value(r.number(), BindType.NORMAL));
            }
        } else if (e instanceof AxUnboundEvent r) {
            if (r.userId() != null && holds(r.userId(), r.number())) {
                redis.put(r.userId(), UserAxsProjection.value(r.number(), BindType.NORMAL));
            }
        }
    }

    private void removeIfHolding(String userId, String number) {
        if (userId != null && holds(userId, number)) {
            redis.remove(userId);
        }
    }

    private boolean holds(String userId, String number) {
        String v = redis.get(userId);
        return v != null && v.contains("\"xNumber\":\"" + number + "\"");
    }

    /** For the report: the fields of a number that the read model must match. */
    static Map<String, Object> fields(Number n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numberState", n.state.code());
        m.put("bindState", n.bindState.name());
        m.put("holder", n.holder);
        m.put("phoneA", n.phoneA);
        m.put("subsId", n.subsId);
        return m;
    }
}
