package com.pnhub.facade.reconciliation;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.command.gateway.Reconciliations;
import com.pnhub.command.gateway.Reconciliations.Run;
import com.pnhub.http.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Starts reconciliation runs and shows what they found and repaired. */
@RestController
@Tag(name = "reconciliation", description = "Compare our bindings with the provider's and repair drift")
public class ReconciliationController {

    static final int MAX_LIMIT = 100;
    static final int FINDINGS_PER_RUN_IN_LIST = 100;

    private final Reconciliations runs;

    public ReconciliationController(Reconciliations runs) {
        this.runs = runs;
    }

    @PostMapping("/api/v1/reconciliation/runs")
    @Operation(summary = "Start a run in the background (202 with its id; 409 while another run is under way). "
            + "dryRun=true finds drift and repairs nothing; poolId limits the run to one pool. A run resumes after the "
            + "cursor of the previous run of the same scope when that one stopped early (INCOMPLETE)")
    public ResponseEntity<Map<String, Object>> start(@RequestParam(required = false) String dryRun,
                                                     @RequestParam(required = false) String poolId) {
        boolean dry = parseBoolean("dryRun", dryRun);
        Long pool = parsePool(poolId);
        Long id = runs.start(dry, pool);
        Map<String, Object> body = new LinkedHashMap<>();
        if (id == null) {
            body.put("error", "a reconciliation run is already under way");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
        body.put("runId", id);
        body.put("dryRun", dry);
        body.put("poolId", pool);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/api/v1/reconciliation/runs")
    @Operation(summary = "The latest runs, newest first, with their counts and (up to 100 of) their findings")
    public List<Run> list(@RequestParam(required = false) String limit) {
        int n = 20;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "limit", "1<=limit<=" + MAX_LIMIT);
            }
        }
        return runs.latest(n, FINDINGS_PER_RUN_IN_LIST);
    }

    @GetMapping("/api/v1/reconciliation/runs/{id}")
    @Operation(summary = "One run with all its findings")
    public ResponseEntity<Run> get(@PathVariable String id) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return NotFound.problem("no reconciliation run " + id + ": run ids are numbers");
        }
        Run run = runs.find(runId);
        return run == null ? NotFound.problem("no reconciliation run " + runId) : ResponseEntity.ok(run);
    }

    /** A malformed parameter (the /api/v1 advice covers the adminapi package only): 400 as a problem detail. */
    @ExceptionHandler(BusinessRuleException.class)
    public ProblemDetail invalid(BusinessRuleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("code", e.code().name());
        return problem;
    }

    private static boolean parseBoolean(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, name, "true|false");
    }

    private static Long parsePool(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long pool = Long.parseLong(value.trim());
            if (pool >= 0) {
                return pool;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "poolId", "必须是非负整数");
    }
}
