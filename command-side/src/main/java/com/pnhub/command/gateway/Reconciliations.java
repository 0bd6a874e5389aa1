package com.pnhub.command.gateway;

import com.pnhub.command.reconciliation.ReconciliationJob;
import com.pnhub.command.reconciliation.ReconciliationRuns;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The reconciliation's run API as a request needs it: start a run, list the latest, show one. The job and its run
 * records stay in the reconciliation package; what crosses to the facade is these records.
 */
@Service
public class Reconciliations {

    public enum Status { RUNNING, COMPLETED, INCOMPLETE }

    public record Finding(String number, FindingKind kind, String detail, boolean repaired, Instant foundAt) {
    }

    /** A run as listed over HTTP. {@code cursor}: the last number it checked; a later run of the same scope resumes after it. */
    public record Run(long id, Instant startedAt, Instant finishedAt, boolean dryRun, Long poolId, Status status,
                      String cursor, Long resumedFrom, int checked, int skipped, int findingCount, int repaired,
                      String message, List<Finding> findings) {
    }

    private final ReconciliationJob job;
    private final ReconciliationRuns runs;

    public Reconciliations(ReconciliationJob job, ReconciliationRuns runs) {
        this.job = job;
        this.runs = runs;
    }

    /** @return the run's id, or null when a run is already under way (on this or another instance) */
    public Long start(boolean dryRun, Long poolId) {
        return job.start(dryRun, poolId);
    }

    public List<Run> latest(int limit, int findingsPerRun) {
        return runs.latest(limit, findingsPerRun);
    }

    /** @return null when there is no such run */
    public Run find(long id) {
        return runs.find(id);
    }
}
