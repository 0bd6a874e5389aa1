package com.pnhub.command.reconciliation;

import com.pnhub.command.gateway.FindingKind;
import com.pnhub.command.gateway.Reconciliations.Finding;
import com.pnhub.command.gateway.Reconciliations.Run;
import com.pnhub.command.gateway.Reconciliations.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The reconciliation_run and reconciliation_finding tables (V7). */
@Repository
public class ReconciliationRuns {

    private final JdbcTemplate jdbc;

    public ReconciliationRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long create(boolean dryRun, Long poolId, String cursor, Long resumedFrom) {
        return jdbc.queryForObject("""
                INSERT INTO reconciliation_run (started_at, dry_run, pool_id, status, cursor, resumed_from)
                VALUES (now(), ?, ?, 'RUNNING', ?, ?) RETURNING id""", Long.class, dryRun, poolId, cursor, resumedFrom);
    }

    /** Runs left RUNNING by an instance that died: only called while holding the run lock, so none is really running. */
    int abandonRunning() {
        return jdbc.update("""
                UPDATE reconciliation_run SET status = 'INCOMPLETE', finished_at = now(),
                       message = coalesce(message, 'interrupted: the instance running it stopped')
                 WHERE status = 'RUNNING'""");
    }

    /** The latest run of that scope, if it stopped early: a new run resumes from its cursor. */
    Run resumable(boolean dryRun, Long poolId) {
        List<Run> rows = jdbc.query("""
                SELECT * FROM reconciliation_run WHERE dry_run = ? AND pool_id IS NOT DISTINCT FROM ?
                 ORDER BY id DESC LIMIT 1""", (rs, i) -> run(rs, List.of()), dryRun, poolId);
        return rows.isEmpty() || rows.get(0).status() != Status.INCOMPLETE ? null : rows.get(0);
    }

    void progress(long id, String cursor, int checked, int skipped, int findings, int repaired) {
        jdbc.update("UPDATE reconciliation_run SET cursor = ?, checked = ?, skipped = ?, findings = ?, repaired = ? WHERE id = ?",
                cursor, checked, skipped, findings, repaired, id);
    }

    void finish(long id, Status status, String message) {
        jdbc.update("UPDATE reconciliation_run SET status = ?, finished_at = now(), message = ? WHERE id = ?",
                status.name(), message, id);
    }

    void addFinding(long runId, String number, FindingKind kind, String detail, boolean repaired) {
        jdbc.update("INSERT INTO reconciliation_finding (run_id, number, kind, detail, repaired) VALUES (?, ?, ?, ?, ?)",
                runId, number, kind.name(), detail, repaired);
    }

    public List<Run> latest(int limit, int findingsPerRun) {
        return jdbc.query("SELECT * FROM reconciliation_run ORDER BY id DESC LIMIT ?",
                (rs, i) -> run(rs, findings(rs.getLong("id"), findingsPerRun)), limit);
    }

    public Run find(long id) {
        List<Run> rows = jdbc.query("SELECT * FROM reconciliation_run WHERE id = ?",
                (rs, i) -> run(rs, findings(rs.getLong("id"), 10_000)), id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<Finding> findings(long runId, int limit) {
        return jdbc.query("SELECT * FROM reconciliation_finding WHERE run_id = ? ORDER BY id LIMIT ?",
                (rs, i) -> new Finding(rs.getString("number"), FindingKind.valueOf(rs.getString("kind")),
                        rs.getString("detail"), rs.getBoolean("repaired"), instant(rs.getTimestamp("found_at"))),
                runId, limit);
    }

    private static Run run(ResultSet rs, List<Finding> findings) throws SQLException {
        long pool = rs.getLong("pool_id");
        Long poolId = rs.wasNull() ? null : pool;
        long from = rs.getLong("resumed_from");
        Long resumedFrom = rs.wasNull() ? null : from;
        return new Run(rs.getLong("id"), instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                rs.getBoolean("dry_run"), poolId, Status.valueOf(rs.getString("status")), rs.getString("cursor"),
                resumedFrom, rs.getInt("checked"), rs.getInt("skipped"), rs.getInt("findings"), rs.getInt("repaired"),
                rs.getString("message"), findings);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
