package com.pnhub.query.http;

import com.pnhub.api.numbers.FindNumberQuery;
import com.pnhub.api.numbers.NumberView;
import com.pnhub.http.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A number's current state as the read model has it; registering and recovering it are the facade's. */
@RestController
@RequestMapping("/api/v1/numbers")
@Tag(name = "numbers", description = "The pool of virtual numbers: registration, current state, history")
public class NumberViewController {

    private final QueryGateway queries;

    public NumberViewController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{number}")
    @Operation(summary = "The current state of a number (read model)")
    public ResponseEntity<NumberView> get(@PathVariable String number) {
        NumberView view = queries.query(new FindNumberQuery(number), ResponseTypes.instanceOf(NumberView.class)).join();
        return view == null ? NotFound.problem("number " + number + " is not registered") : ResponseEntity.ok(view);
    }
}
