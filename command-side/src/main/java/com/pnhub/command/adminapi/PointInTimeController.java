package com.pnhub.command.adminapi;

import com.pnhub.api.history.ClientBindingInterval;
import com.pnhub.api.history.FindClientBindingsAtQuery;
import com.pnhub.api.history.FindHolderAtQuery;
import com.pnhub.api.history.HolderAt;
import com.pnhub.api.history.HolderInterval;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.FindNumberQuery;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberView;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.InvalidValueException;
import com.pnhub.api.values.Platform;
import com.pnhub.api.values.ValueProblem;
import com.pnhub.api.values.VirtualNumber;
import com.pnhub.command.number.ClientBinding;
import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A number at a past instant (docs/point-in-time.md): who held it, from the binding-intervals projection,
 * and its whole state, by replaying that one number's events up to the instant.
 */
@RestController
@RequestMapping("/api/v1/numbers")
@Tag(name = "numbers", description = "The pool of virtual numbers: registration, current state, history")
public class PointInTimeController {

    private final QueryGateway queries;
    private final EventStore eventStore;
    private final NumberRules rules;

    public PointInTimeController(QueryGateway queries, EventStore eventStore, NumberRules rules) {
        this.queries = queries;
        this.eventStore = eventStore;
        this.rules = rules;
    }

    @GetMapping("/{number}/holder")
    @Operation(summary = "Who held the number at an instant (agent, A, subscription, the period; holder null when nobody) and the customer bindings live then")
    public ResponseEntity<HolderAt> holder(@PathVariable String number, @RequestParam(required = false) String at) {
        Instant instant = parse(number, at);
        NumberView known = queries.query(new FindNumberQuery(number), ResponseTypes.instanceOf(NumberView.class)).join();
        if (known == null) {
            return NotFound.problem("number " + number + " is not registered");
        }
        HolderInterval holder = queries.query(new FindHolderAtQuery(number, instant),
                ResponseTypes.instanceOf(HolderInterval.class)).join();
        List<ClientBindingInterval> clients = queries.query(new FindClientBindingsAtQuery(number, instant),
                ResponseTypes.multipleInstancesOf(ClientBindingInterval.class)).join();
        return ResponseEntity.ok(new HolderAt(number, instant, holder, clients));
    }

    /** The answer: the number at that instant, and how many of its events it took. */
    public record StateAt(String number, Instant at, BindState bindState, NumberState numberState, String userId,
                          String phoneA, String subsId, Platform platform, List<ClientBinding.View> clientBindings,
                          int eventsApplied) {
    }

    @GetMapping("/{number}/state")
    @Operation(summary = "The number's state at an instant: its aggregate replayed from its events up to then")
    public ResponseEntity<StateAt> state(@PathVariable String number, @RequestParam(required = false) String at) {
        Instant instant = parse(number, at);
        NumberReplay replay = new NumberReplay();
        boolean any = false;
        // from sequence 0, so that no snapshot stands in for the events
        try (Stream<? extends DomainEventMessage<?>> events = eventStore.readEvents(number, 0L).asStream()) {
            Iterator<? extends DomainEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                DomainEventMessage<?> event = it.next();
                any = true;
                if (event.getTimestamp().isAfter(instant)) {
                    break;
                }
                replay.apply(event);
            }
        }
        if (!any) {
            return NotFound.problem("number " + number + " has no history");
        }
        PrivateNumber.View v = replay.view();
        if (v == null) {
            return ResponseEntity.ok(new StateAt(number, instant, null, null, null, null, null, null, List.of(), 0));
        }
        return ResponseEntity.ok(new StateAt(number, instant, v.bindState(), v.numberState(), v.holder(), v.phoneA(),
                v.subsId(), v.platform(), v.clientBindings(), replay.applied()));
    }

    private Instant parse(String number, String at) {
        VirtualNumber.of("number", number, rules);
        if (at == null || at.isBlank()) {
            throw new InvalidValueException("at", ValueProblem.MISSING);
        }
        return InstantParameter.parse("at", at);
    }
}
