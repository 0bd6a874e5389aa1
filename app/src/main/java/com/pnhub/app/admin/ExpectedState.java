package com.pnhub.app.admin;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.command.adminapi.NumberStateFold;
import com.pnhub.query.redis.UserAxsProjection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the read models should hold, folded from the event stream in global order without touching
 * them. A number follows the aggregate's own transitions ({@link NumberStateFold}, so a read model that
 * skipped or misapplied an event shows up); the Redis hash follows the legacy hash's rules, which depend
 * on the order of events across numbers (a user's field is whichever binding wrote it last).
 */
final class ExpectedState {

    record Agent(String name, String phone) {
    }

    private final Map<String, NumberStateFold> numbers = new TreeMap<>();
    private final Map<String, Agent> agents = new TreeMap<>();
    private final Map<String, String> redis = new TreeMap<>();

    Map<String, NumberStateFold> numbers() {
        return numbers;
    }

    Map<String, Agent> agents() {
        return agents;
    }

    /** Redis field (user id) → value. */
    Map<String, String> redis() {
        return redis;
    }

    void apply(Object payload) {
        if (payload instanceof AgentProfileUpdatedEvent e) {
            agents.put(e.userId(), new Agent(e.name(), e.phone()));
        } else if (payload instanceof AgentPhoneChangedEvent e) {
            Agent old = agents.get(e.userId());
            agents.put(e.userId(), new Agent(old == null ? null : old.name(), e.newPhone()));
        } else if (payload instanceof com.pnhub.api.numbers.PrivateNumberEvent e) {
            NumberStateFold n = e instanceof NumberRegisteredEvent ? numbers.computeIfAbsent(e.number(), NumberStateFold::new)
                    : numbers.get(e.number());
            if (n != null) {
                n.apply(e);
            }
            applyToRedis(e);
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
    static Map<String, Object> fields(NumberStateFold n) {
        NumberStateFold.StateAt s = n.at(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numberState", s.numberState().code());
        m.put("bindState", s.bindState().name());
        m.put("holder", s.userId());
        m.put("phoneA", s.phoneA());
        m.put("subsId", s.subsId());
        return m;
    }
}
