package com.pnhub.query.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The consistency check over HTTP (docs/operations.md, "Consistency check"). */
@RestController
@RequestMapping("/api/v1/admin/consistency")
@Tag(name = "projections", description = "Status and replay of the read models")
public class ConsistencyController {

    /** Long enough for a caught-up service, short enough not to tie up a request thread. */
    private static final int MAX_WAIT_SECONDS = 60;

    private final ConsistencyCheck check;

    public ConsistencyController(ConsistencyCheck check) {
        this.check = check;
    }

    @GetMapping
    @Operation(summary = "Compares number_view, agent_view and the Redis hash with a fold of the event store")
    public ResponseEntity<ConsistencyCheck.Report> check(@RequestParam(defaultValue = "10") int waitSeconds) {
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(check.run(Duration.ofSeconds(waitSeconds)));
    }
}
