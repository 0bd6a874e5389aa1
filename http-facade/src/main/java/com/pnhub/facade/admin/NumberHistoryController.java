package com.pnhub.facade.admin;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.VirtualNumber;
import com.pnhub.command.gateway.NumberHistory;
import com.pnhub.command.gateway.NumberHistory.HistoryEntry;
import com.pnhub.command.gateway.NumberHistory.StateAt;
import com.pnhub.http.InstantParameter;
import com.pnhub.http.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A number's past from its event streams (docs/point-in-time.md): every event, and its whole state at an instant.
 * Read-only, but not a read model's: the command side folds its own streams with its aggregate's handlers
 * ({@link NumberHistory}, ADR 0023); who held the number then, from a projection, is the query side's.
 */
@RestController
@RequestMapping("/api/v1/numbers")
@Tag(name = "numbers", description = "The pool of virtual numbers: registration, current state, history")
public class NumberHistoryController {

    private final NumberHistory history;
    private final NumberRules rules;

    public NumberHistoryController(NumberHistory history, NumberRules rules) {
        this.history = history;
        this.rules = rules;
    }

    public record HistoryPage(String number, int page, int size, List<HistoryEntry> events) {
    }

    @GetMapping("/{number}/history")
    @Operation(summary = "Every event of the number, oldest first, with time and metadata; paged")
    public ResponseEntity<HistoryPage> history(@PathVariable String number,
                                               @RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "100") int size) {
        VirtualNumber.of("number", number, rules);
        if (page < 0 || size < 1 || size > 1000) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "page/size", "page>=0, 1<=size<=1000");
        }
        List<HistoryEntry> events = history.events(number, (long) page * size, size);
        if (events.isEmpty() && page == 0) {
            return NotFound.problem("number " + number + " has no history");
        }
        return ResponseEntity.ok(new HistoryPage(number, page, size, events));
    }

    @GetMapping("/{number}/state")
    @Operation(summary = "The number's state at an instant: its aggregate replayed from its events up to then")
    public ResponseEntity<StateAt> state(@PathVariable String number, @RequestParam(required = false) String at) {
        VirtualNumber.of("number", number, rules);
        if (at == null || at.isBlank()) {
            throw new BusinessRuleException(ErrorCode.MISSING_PARAMETER, "at");
        }
        Instant instant = InstantParameter.parse("at", at);
        return history.stateAt(number, instant).map(ResponseEntity::ok)
                .orElseGet(() -> NotFound.problem("number " + number + " has no history"));
    }
}
