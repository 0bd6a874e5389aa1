package com.pnhub.command.reconciliation;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.metadata.Channel;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.values.Platform;
import com.pnhub.command.gateway.CommandDispatcher;
import com.pnhub.command.gateway.FindingKind;
import com.pnhub.command.gateway.Reconciliations.Run;
import com.pnhub.command.gateway.Reconciliations.Status;
import com.pnhub.command.gateway.RequestContext;
import com.pnhub.command.internal.CorrectProviderPhoneCommand;
import com.pnhub.command.internal.MarkSubscriptionLostCommand;
import com.pnhub.command.number.NumberReplay;
import com.pnhub.command.number.PrivateNumber;
import com.pnhub.command.provider.NumberProvider.DetailOutcome;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.NumberProvider.DetailOutcome;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Compares our bindings with the provider's, number by number, and repairs drift through commands.
 *
 * <p>A run walks {@code number_lookup} in number order (optionally one pool), one page at a time, and for
 * each number compares <em>our view</em> (bind state, subscription id and A of the aggregate itself, replayed from
 * its events in the event store by {@link NumberReplay}: the command side's own state, never behind, and no read
 * model of the query side's) with the provider's answers to QuerySubsId and QuerySubscriptionDetail, paced by a
 * Resilience4j {@link RateLimiter} to {@code pnhub.reconciliation.queries-per-second}. Transitional and fault
 * bindings and platforms without a provider are skipped. A provider that is unavailable stops the run as INCOMPLETE;
 * the next run of the same scope (dry run or not, pool) resumes after its cursor.
 *
 * <p>One run at a time across all instances: a run holds a PostgreSQL session advisory lock on a
 * connection of its own from start to end. The recurring pass is a db-scheduler task
 * ({@link ReconciliationSchedule}), which one instance at a time executes by construction; the lock keeps it
 * and the runs started by hand (the admin API, the console) apart.
 */
@Component
public class ReconciliationJob {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationJob.class);

    /** The advisory lock key of reconciliation runs ("pnhub" "rcn" as bytes); {@code pg_locks} shows who holds it. */
    public static final long LOCK_KEY = 0x706e6875_6272636eL;
    static final String SUBS_NOT_EXIST = "isv.SUBS_NOT_EXIST";
    static final String OPERATOR = "reconciliation";
    private static final int PAGE = 200;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final ReconciliationRuns runs;
    private final ProviderRegistry providers;
    private final CommandDispatcher commands;
    private final boolean enabled;
    private final RateLimiter providerCalls;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reconciliation");
        t.setDaemon(true);
        return t;
    });

    public ReconciliationJob(DataSource dataSource, JdbcTemplate jdbc, EventStore eventStore, ReconciliationRuns runs,
                             ProviderRegistry providers,
                             CommandDispatcher commands,
                             @Value("${pnhub.reconciliation.enabled:true}") boolean enabled,
                             @Value("${pnhub.reconciliation.queries-per-second:5}") double queriesPerSecond) {
        if (!(queriesPerSecond > 0)) {
            throw new IllegalArgumentException("pnhub.reconciliation.queries-per-second must be > 0");
        }
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.runs = runs;
        this.providers = providers;
        this.commands = commands;
        this.enabled = enabled;
        // one permit per period, so an idle spell saves up no burst of calls
        this.providerCalls = RateLimiter.of("reconciliation", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos((long) (1_000_000_000L / queriesPerSecond)))
                .timeoutDuration(Duration.ofMinutes(1))
                .build());
    }

    /**
     * The recurring pass ({@link ReconciliationSchedule}): a full run that repairs, resuming an INCOMPLETE one, in the
     * calling thread (db-scheduler's, which keeps the task picked while it runs). Skipped while another run is under
     * way, or when {@code pnhub.reconciliation.enabled} is false.
     */
    public void runScheduledPass() {
        if (!enabled) {
            return;
        }
        Connection lock = tryLock();
        if (lock == null) {
            log.info("Reconciliation: a run is already under way, the scheduled one is skipped");
            return;
        }
        try {
            Opened run = open(false, null);
            execute(run.id(), false, null, run.cursor());
        } finally {
            unlock(lock);
        }
    }

    /**
     * Starts a run in the background.
     *
     * @param dryRun find, repair nothing
     * @param poolId only this pool's numbers; null: all
     * @return the run's id, or null when a run is already under way (on this or another instance)
     */
    public Long start(boolean dryRun, Long poolId) {
        Connection lock = tryLock();
        if (lock == null) {
            return null;
        }
        try {
            Opened run = open(dryRun, poolId);
            executor.execute(() -> {
                try {
                    execute(run.id(), dryRun, poolId, run.cursor());
                } finally {
                    unlock(lock);
                }
            });
            return run.id();
        } catch (RuntimeException e) {
            unlock(lock);
            throw e;
        }
    }

    private record Opened(long id, String cursor) {
    }

    /** Records a new run, after the cursor of the INCOMPLETE one it resumes; the caller holds the run lock. */
    private Opened open(boolean dryRun, Long poolId) {
        int abandoned = runs.abandonRunning();
        if (abandoned > 0) {
            log.warn("Reconciliation: {} run(s) left RUNNING by a stopped instance marked INCOMPLETE", abandoned);
        }
        Run previous = runs.resumable(dryRun, poolId);
        String cursor = previous == null ? null : previous.cursor();
        long id = runs.create(dryRun, poolId, cursor, previous == null ? null : previous.id());
        log.info("Reconciliation run {} started (dryRun={}, pool={}, after={})", id, dryRun, poolId, cursor);
        return new Opened(id, cursor);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ one run

    /** Counters of a run; the cursor is the last number done with (checked or skipped). */
    private static final class Progress {
        final long runId;
        final boolean dryRun;
        String cursor;
        int checked;
        int skipped;
        int findings;
        int repaired;

        Progress(long runId, boolean dryRun, String cursor) {
            this.runId = runId;
            this.dryRun = dryRun;
            this.cursor = cursor;
        }
    }

    /** Thrown when the provider is unavailable: the run stops, resumable from the cursor. */
    private static final class ProviderDown extends Exception {
        ProviderDown(String number, ProviderOutcome.Unavailable u) {
            super("provider unavailable at " + number + ": " + u.code() + " " + u.message(), null, false, false);
        }
    }

    void execute(long runId, boolean dryRun, Long poolId, String startAfter) {
        Progress p = new Progress(runId, dryRun, startAfter);
        Status status = Status.COMPLETED;
        String message = null;
        try {
            while (true) {
                List<Registration> page = page(p.cursor, poolId);
                if (page.isEmpty()) {
                    break;
                }
                for (Registration r : page) {
                    OurView v = ourView(r);
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException();
                    }
                    if (check(v, p)) {
                        p.checked++;
                    } else {
                        p.skipped++;
                    }
                    p.cursor = r.number();
                    runs.progress(runId, p.cursor, p.checked, p.skipped, p.findings, p.repaired);
                }
            }
        } catch (ProviderDown e) {
            status = Status.INCOMPLETE;
            message = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = Status.INCOMPLETE;
            message = "interrupted";
        } catch (RuntimeException e) {
            log.error("Reconciliation run {} failed at {}", runId, p.cursor, e);
            status = Status.INCOMPLETE;
            message = "failed: " + e;
        }
        runs.progress(runId, p.cursor, p.checked, p.skipped, p.findings, p.repaired);
        runs.finish(runId, status, message);
        log.info("Reconciliation run {} {}: checked={} skipped={} findings={} repaired={} cursor={} {}", runId, status,
                p.checked, p.skipped, p.findings, p.repaired, p.cursor, message == null ? "" : message);
    }

    /** A number as the command side registered it ({@code number_lookup}). */
    private record Registration(String number, Platform platform, long poolId) {
    }

    /**
     * Our view of one number: the aggregate's state after its events (bindState null: not registered in the event
     * store), and the sequence number of its last event, by which a second look tells that the binding moved on.
     */
    record OurView(String number, Platform platform, long poolId, BindState bindState, String phoneA, String subsId,
                   long lastSequence) {
    }

    private List<Registration> page(String after, Long poolId) {
        return jdbc.query("""
                SELECT number, platform, pool_id FROM number_lookup
                 WHERE number > ? AND (CAST(? AS BIGINT) IS NULL OR pool_id = ?)
                 ORDER BY number LIMIT ?""",
                (rs, i) -> new Registration(rs.getString(1), Platform.ofCode(rs.getInt(2)), rs.getLong(3)),
                after == null ? "" : after, poolId, poolId, PAGE);
    }

    /**
     * Replayed from sequence 0, as a point-in-time answer is, so that no snapshot stands in for the events: the
     * aggregate's own event sourcing handlers decide, and there is no second copy of its state machine.
     */
    private OurView ourView(Registration r) {
        NumberReplay replay = new NumberReplay();
        long last = -1;
        try (Stream<? extends DomainEventMessage<?>> events = eventStore.readEvents(r.number(), 0L).asStream()) {
            Iterator<? extends DomainEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                DomainEventMessage<?> e = it.next();
                replay.apply(e);
                last = e.getSequenceNumber();
            }
        }
        PrivateNumber.View v = replay.view();
        return v == null ? new OurView(r.number(), r.platform(), r.poolId(), null, null, null, last)
                : new OurView(r.number(), r.platform(), r.poolId(), v.bindState(), v.phoneA(), v.subsId(), last);
    }

    /** @return true when compared with the provider, false when skipped */
    private boolean check(OurView v, Progress p) throws ProviderDown, InterruptedException {
        if (v.bindState() == null || (v.bindState() != BindState.UNBOUND && v.bindState() != BindState.BOUND)) {
            return false; // no events yet, a provider call under way, or a fault binding the saga is pushing
        }
        if (!providers.isConfigured(v.platform())) {
            return false;
        }
        if (v.bindState() == BindState.BOUND && v.subsId() == null) {
            return false;
        }
        NumberProvider provider = providers.forPlatform(v.platform());
        String poolKey = providers.poolKey(v.platform(), v.poolId());
        String x = v.number();

        pace();
        ProviderOutcome byX = provider.querySubsId(poolKey, x);
        String providerSubs;
        if (byX instanceof ProviderOutcome.Success s) {
            providerSubs = s.subsId();
        } else if (byX instanceof ProviderOutcome.Refused r && SUBS_NOT_EXIST.equals(r.code())) {
            providerSubs = null;
        } else if (byX instanceof ProviderOutcome.Unavailable u) {
            throw new ProviderDown(x, u);
        } else {
            ProviderOutcome.Refused r = (ProviderOutcome.Refused) byX;
            record(p, x, FindingKind.UNCHECKED, "QuerySubsId refused: " + r.code() + " " + r.message(), false);
            return false;
        }

        if (v.bindState() == BindState.UNBOUND) {
            if (providerSubs != null) {
                orphan(provider, poolKey, v, providerSubs, "we are unbound", p);
            }
            return true;
        }

        // BOUND with a subscription: is ours still live there, with our A?
        pace();
        DetailOutcome d = provider.querySubscriptionDetail(poolKey, v.subsId(), x);
        boolean lost;
        if (d.outcome() instanceof ProviderOutcome.Success) {
            lost = d.detail() == null || !d.detail().active();
        } else if (d.outcome() instanceof ProviderOutcome.Refused r && SUBS_NOT_EXIST.equals(r.code())) {
            lost = true;
        } else if (d.outcome() instanceof ProviderOutcome.Unavailable u) {
            throw new ProviderDown(x, u);
        } else {
            ProviderOutcome.Refused r = (ProviderOutcome.Refused) d.outcome();
            record(p, x, FindingKind.UNCHECKED, "QuerySubscriptionDetail refused: " + r.code() + " " + r.message(), false);
            return false;
        }
        if (providerSubs != null && !providerSubs.equals(v.subsId())) {
            orphan(provider, poolKey, v, providerSubs, "ours is " + v.subsId(), p);
        }
        if (lost) {
            boolean repaired = !p.dryRun && repair(x, v.subsId(), true);
            record(p, x, FindingKind.LOST, "subscription " + v.subsId() + " is not live at the provider"
                    + (p.dryRun ? "" : repaired ? "; now a fault binding, to be bound anew" : "; binding moved on, nothing done"),
                    repaired);
        } else if (!Objects.equals(d.detail().phoneA(), v.phoneA())) {
            boolean repaired = !p.dryRun && repair(x, v.subsId(), false);
            record(p, x, FindingKind.A_MISMATCH, "provider's A " + PhoneMask.number(d.detail().phoneA()) + ", ours " + PhoneMask.number(v.phoneA())
                    + (p.dryRun ? "" : repaired ? "; moving the provider's A back to ours" : "; binding moved on, nothing done"),
                    repaired);
        }
        return true;
    }

    private void orphan(NumberProvider provider, String poolKey, OurView v, String providerSubs, String why, Progress p)
            throws ProviderDown, InterruptedException {
        String detail = "provider subscription " + providerSubs + " unknown to us (" + why + ")";
        if (p.dryRun) {
            record(p, v.number(), FindingKind.ORPHAN, detail, false);
            return;
        }
        // the binding may have moved on while we asked the provider (a bind under way now owns that subscription)
        OurView now = ourView(new Registration(v.number(), v.platform(), v.poolId()));
        if (now.lastSequence() != v.lastSequence()) {
            record(p, v.number(), FindingKind.ORPHAN, detail + "; binding moved on, nothing done", false);
            return;
        }
        pace();
        ProviderOutcome o = provider.unbind(poolKey, providerSubs, v.number());
        if (o instanceof ProviderOutcome.Unavailable u) {
            record(p, v.number(), FindingKind.ORPHAN, detail + "; unbind failed: " + u.code(), false);
            throw new ProviderDown(v.number(), u);
        }
        if (o instanceof ProviderOutcome.Refused r) {
            record(p, v.number(), FindingKind.ORPHAN, detail + "; unbind refused: " + r.code() + " " + r.message(), false);
            return;
        }
        record(p, v.number(), FindingKind.ORPHAN, detail + "; unbound at the provider", true);
    }

    /** @return true when the aggregate accepted the repair; false when its binding moved on or it refused */
    private boolean repair(String number, String subsId, boolean lost) {
        RequestContext ctx = RequestContext.of(Channel.SYSTEM, OPERATOR);
        Object command = lost
                ? new MarkSubscriptionLostCommand(number, subsId, ctx.requestId())
                : new CorrectProviderPhoneCommand(number, subsId, ctx.requestId());
        try {
            return Boolean.TRUE.equals(commands.send(command, number, ctx));
        } catch (BusinessRuleException e) {
            log.warn("Reconciliation: {} for {} refused: {}", command.getClass().getSimpleName(), PhoneMask.number(number), e.getMessage());
            return false;
        }
    }

    private void record(Progress p, String number, FindingKind kind, String detail, boolean repaired) {
        p.findings++;
        if (repaired) {
            p.repaired++;
        }
        runs.addFinding(p.runId, number, kind, detail, repaired);
        log.info("Reconciliation run {}: {} {} {}{}", p.runId, kind, PhoneMask.number(number), detail, p.dryRun ? " (dry run)" : "");
    }

    /** Spaces provider calls at least 1/queries-per-second apart. */
    private void pace() throws InterruptedException {
        if (!providerCalls.acquirePermission()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            throw new IllegalStateException("no permit for a provider call within a minute");
        }
    }

    // ------------------------------------------------------------------ the run lock

    /** A connection holding the run lock, or null when another session holds it. */
    private Connection tryLock() {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return c;
                    }
                }
            }
            c.close();
            return null;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("cannot take the reconciliation lock", e);
        }
    }

    private static void unlock(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, LOCK_KEY);
            ps.execute();
        } catch (SQLException e) {
            log.warn("Reconciliation: could not release the run lock ({}); dropping the connection", e.toString());
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the pool discards it on close
            }
        } finally {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to do
            }
        }
    }

}
