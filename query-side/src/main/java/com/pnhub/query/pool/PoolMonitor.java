package com.pnhub.query.pool;

import com.pnhub.api.pool.PlatformStats;
import com.pnhub.api.pool.PoolStats;
import com.pnhub.api.pool.PoolSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Computes the pool summary from {@code number_view} on a schedule ({@code pnhub.pool.refresh-interval}, default
 * 30 s, first run at start) rather than per scrape or health check, and publishes it as the gauges
 * {@code pnhub.pool.free} and {@code pnhub.pool.size} (tags {@code platform} = platform code, {@code pool} = pool
 * id). A pool that no longer has numbers loses its gauges. The last summary feeds {@link PoolHealthIndicator}.
 */
@Component
public class PoolMonitor {

    private static final Logger log = LoggerFactory.getLogger(PoolMonitor.class);

    private record Key(int platform, long pool) {
    }

    private record Meters(AtomicLong free, AtomicLong total, Gauge freeGauge, Gauge totalGauge) {
    }

    private final PoolQueries queries;
    private final MeterRegistry registry;
    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();
    private volatile PoolSummary last;
    private volatile String lastError;

    public PoolMonitor(PoolQueries queries, ObjectProvider<MeterRegistry> registry) {
        this.queries = queries;
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    /** Recomputes the summary and the gauges; answers the new summary (the previous one if this run failed). */
    @Scheduled(initialDelayString = "${pnhub.pool.initial-delay:0s}", fixedDelayString = "${pnhub.pool.refresh-interval:30s}")
    public synchronized PoolSummary refresh() {
        PoolSummary summary;
        try {
            summary = queries.summary();
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("pool summary refresh failed: {}", lastError);
            return last;
        }
        Set<Key> seen = new HashSet<>();
        for (PlatformStats platform : summary.platforms()) {
            for (PoolStats pool : platform.pools()) {
                Key key = new Key(platform.platform(), pool.poolId());
                seen.add(key);
                Meters m = meters.computeIfAbsent(key, this::register);
                m.free().set(pool.counts().free());
                m.total().set(pool.counts().total());
            }
        }
        for (Iterator<Map.Entry<Key, Meters>> it = meters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Meters> e = it.next();
            if (!seen.contains(e.getKey())) {
                registry.remove(e.getValue().freeGauge());
                registry.remove(e.getValue().totalGauge());
                it.remove();
            }
        }
        last = summary;
        lastError = null;
        return summary;
    }

    /** The last summary computed; computes one now when there is none yet. */
    public PoolSummary current() {
        PoolSummary s = last;
        return s != null ? s : refresh();
    }

    /** Why the last refresh failed, null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    private Meters register(Key key) {
        AtomicLong free = new AtomicLong();
        AtomicLong total = new AtomicLong();
        String platform = Integer.toString(key.platform());
        String pool = Long.toString(key.pool());
        Gauge freeGauge = Gauge.builder("pnhub.pool.free", free, AtomicLong::get)
                .description("Free numbers of the pool (normal state, no user, unbound), as of the last pool refresh")
                .tag("platform", platform).tag("pool", pool)
                .register(registry);
        // not "pnhub.pool.total": Prometheus reserves _total for counters and exported that gauge as pnhub_pool
        Gauge totalGauge = Gauge.builder("pnhub.pool.size", total, AtomicLong::get)
                .description("All numbers of the pool, as of the last pool refresh")
                .tag("platform", platform).tag("pool", pool)
                .register(registry);
        return new Meters(free, total, freeGauge, totalGauge);
    }
}
