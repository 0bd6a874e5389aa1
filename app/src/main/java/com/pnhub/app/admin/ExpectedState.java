package com.pnhub.app.admin;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.numbers.NumberRegisteredEvent;
import com.pnhub.api.numbers.PrivateNumberEvent;
import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import com.pnhub.query.redis.UserAxsRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * What the read models should hold, from the event stream in global order without touching them. Each number is
 * the aggregate itself, replayed by its own event sourcing handlers ({@link NumberReplay}), so a read model that
 * skipped or misapplied an event shows up against the one state machine; the Redis hash follows the legacy hash's
 * rules ({@link UserAxsRules}), which depend on the order of events across numbers (a user's field is whichever
 * binding wrote it last).
 */
final class ExpectedState {

    record Agent(String name, String phone) {
    }

    private final Map<String, NumberReplay> numbers = new TreeMap<>();
    private final Map<String, Agent> agents = new TreeMap<>();
    private final Map<String, String> redis = new TreeMap<>();

    Map<String, NumberReplay> numbers() {
        return numbers;
    }

    Map<String, Agent> agents() {
        return agents;
    }

    /** Redis field (user id) → value. */
    Map<String, String> redis() {
        return redis;
    }

    void apply(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof AgentProfileUpdatedEvent e) {
            agents.put(e.userId(), new Agent(e.name(), e.phone()));
        } else if (payload instanceof AgentPhoneChangedEvent e) {
            Agent old = agents.get(e.userId());
            agents.put(e.userId(), new Agent(old == null ? null : old.name(), e.newPhone()));
        } else if (payload instanceof PrivateNumberEvent e && message instanceof DomainEventMessage<?> domain
                && NumberReplay.AGGREGATE_TYPE.equals(domain.getType())) {
            NumberReplay n = e instanceof NumberRegisteredEvent ? numbers.computeIfAbsent(e.number(), k -> new NumberReplay())
                    : numbers.get(e.number());
            if (n != null) {
                n.apply(domain);
            }
            UserAxsRules.apply(redis, e);
        }
    }

    /** For the report: the fields of a number that the read model must match. */
    static Map<String, Object> fields(NumberReplay n) {
        PrivateNumber.View s = n.view();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numberState", s.numberState().code());
        m.put("bindState", s.bindState().name());
        m.put("holder", s.holder());
        m.put("phoneA", s.phoneA());
        m.put("subsId", s.subsId());
        return m;
    }
}
