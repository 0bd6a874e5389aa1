package com.pnhub.query.http;

import com.pnhub.api.history.ClientBindingInterval;
import com.pnhub.api.history.FindClientBindingsAtQuery;
import com.pnhub.api.history.FindHolderAtQuery;
import com.pnhub.api.history.HolderAt;
import com.pnhub.api.history.HolderInterval;
import com.pnhub.api.numbers.FindNumberQuery;
import com.pnhub.api.numbers.NumberView;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.InvalidValueException;
import com.pnhub.api.values.ValueProblem;
import com.pnhub.api.values.VirtualNumber;
import com.pnhub.http.InstantParameter;
import com.pnhub.http.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who held a number at a past instant (docs/point-in-time.md), from the binding-intervals projection. Its whole
 * state then is a replay of its aggregate, which the command side answers (the facade's NumberHistoryController).
 */
@RestController
@RequestMapping("/api/v1/numbers")
@Tag(name = "numbers", description = "The pool of virtual numbers: registration, current state, history")
public class PointInTimeController {

    private final QueryGateway queries;
    private final NumberRules rules;

    public PointInTimeController(QueryGateway queries, NumberRules rules) {
        this.queries = queries;
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

    private Instant parse(String number, String at) {
        VirtualNumber.of("number", number, rules);
        if (at == null || at.isBlank()) {
            throw new InvalidValueException("at", ValueProblem.MISSING);
        }
        return InstantParameter.parse("at", at);
    }
}
