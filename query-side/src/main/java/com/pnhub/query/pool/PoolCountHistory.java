package com.pnhub.query.pool;

import com.pnhub.api.pool.FindPoolHistoryQuery;
import com.pnhub.api.pool.PlatformStats;
import com.pnhub.api.pool.PoolCountSample;
import com.pnhub.api.pool.PoolCounts;
import com.pnhub.api.pool.PoolHistory;
import com.pnhub.api.pool.PoolStats;
import com.pnhub.api.pool.PoolSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The pool counts over time ({@code pool_count_sample}, GET /api/v1/pool/history). Once at start and then at the
 * start of every {@code pnhub.pool.history.sample-interval} (default 5 min) the summary's counts
 * ({@link PoolQueries#summary()}, the one counting rule) are written per platform and pool, stamped with the start
 * of the interval (the bucket). Every instance of the service samples; the first to write a bucket wins: an
 * instance that finds the bucket written skips the counting query, and two that race are kept apart by the
 * primary key ({@code ON CONFLICT DO NOTHING}). Samples older than {@code pnhub.pool.history.retention} (default
 * 7 days) are deleted at each sample.
 */
@Component
public class PoolCountHistory implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PoolCountHistory.class);

    private static final String INSERT = """
            INSERT INTO pool_count_sample (sampled_at, platform, pool_id, free, quarantined, assigned, bound, fault_bound,
                                           locked, disabled, released, total)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final PoolQueries queries;
    private final Duration interval;
    private final Duration retention;
    private final Clock clock;
    private volatile boolean failing;

    @Autowired
    public PoolCountHistory(JdbcTemplate jdbc, PoolQueries queries,
                            @Value("${pnhub.pool.history.sample-interval:PT5M}") Duration interval,
                            @Value("${pnhub.pool.history.retention:P7D}") Duration retention) {
        this(jdbc, queries, interval, retention, Clock.systemUTC());
    }

    /** With a clock of its own: a second instance of the service, as far as the samples go. */
    public PoolCountHistory(JdbcTemplate jdbc, PoolQueries queries, Duration interval, Duration retention, Clock clock) {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("pnhub.pool.history.sample-interval must be at least 1 s, was " + interval);
        }
        if (retention.compareTo(interval) < 0) {
            throw new IllegalArgumentException("pnhub.pool.history.retention must be at least the sample interval, was "
                    + retention);
        }
        this.jdbc = jdbc;
        this.queries = queries;
        this.interval = interval;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // at start, so that a fresh console has a point, then at each bucket's start rather than every interval
        // from whenever this instance started, so that every bucket gets its sample
        registrar.addOneTimeTask(this::sampleQuietly, Duration.ZERO);
        registrar.addTriggerTask(this::sampleQuietly, context -> bucketOf(clock.instant()).plus(interval));
    }

    public Duration interval() {
        return interval;
    }

    /** The start of the bucket {@code t} falls in: {@code t} truncated to the interval (counted from the epoch). */
    public Instant bucketOf(Instant t) {
        long ms = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }

    /**
     * Samples the current bucket unless it has its sample already, and deletes the samples past the retention.
     * Answers how many rows this call wrote (0 when another instance, or an earlier call, sampled the bucket).
     */
    public synchronized int sample() {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM pool_count_sample WHERE sampled_at < ?", utc(now.minus(retention)));
        OffsetDateTime bucket = utc(bucketOf(now));
        if (Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pool_count_sample WHERE sampled_at = ?)", Boolean.class, bucket))) {
            return 0;
        }
        PoolSummary summary = queries.summary();
        List<Object[]> rows = new ArrayList<>();
        for (PlatformStats platform : summary.platforms()) {
            for (PoolStats pool : platform.pools()) {
                PoolCounts c = pool.counts();
                rows.add(new Object[] {bucket, platform.platform(), pool.poolId(), c.free(), c.quarantined(), c.assigned(),
                        c.bound(), c.faultBound(), c.locked(), c.disabled(), c.released(), c.total()});
            }
        }
        int written = 0;
        for (int n : jdbc.batchUpdate(INSERT, rows)) {
            written += Math.max(n, 0);
        }
        return written;
    }

    @QueryHandler
    public PoolHistory handle(FindPoolHistoryQuery q) {
        List<PoolCountSample> samples = jdbc.query("""
                SELECT * FROM pool_count_sample WHERE sampled_at >= ? ORDER BY sampled_at, platform, pool_id""",
                (rs, i) -> PoolCountSample.of(rs.getObject("sampled_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("platform"), rs.getLong("pool_id"), PoolQueries.counts(rs)),
                utc(q.since()));
        return new PoolHistory(interval.toString(), samples);
    }

    /** A failed sample leaves a gap in the history, not a stopped schedule; logged once until a sample succeeds. */
    private void sampleQuietly() {
        try {
            sample();
            if (failing) {
                failing = false;
                log.info("pool count sampling works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("pool count sample failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
