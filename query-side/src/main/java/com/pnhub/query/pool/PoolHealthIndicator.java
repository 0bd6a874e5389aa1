package com.pnhub.query.pool;

import com.pnhub.api.pool.PlatformStats;
import com.pnhub.api.pool.PoolStats;
import com.pnhub.api.pool.PoolSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code pool}: always UP (a pool running out is a warning, not the service down), with the
 * pools running low under {@code warnings}, from {@link PoolMonitor}'s last refresh.
 */
@Component("poolHealthIndicator")
public class PoolHealthIndicator implements HealthIndicator {

    private final PoolMonitor monitor;

    public PoolHealthIndicator(PoolMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        PoolSummary summary = monitor.current();
        Map<String, Object> details = new LinkedHashMap<>();
        List<Map<String, Object>> warnings = new ArrayList<>();
        int pools = 0;
        if (summary != null) {
            for (PlatformStats platform : summary.platforms()) {
                for (PoolStats pool : platform.pools()) {
                    pools++;
                    if (pool.warning()) {
                        Map<String, Object> w = new LinkedHashMap<>();
                        w.put("platform", platform.platform());
                        w.put("platformName", platform.platformName());
                        w.put("poolId", pool.poolId());
                        w.put("free", pool.counts().free());
                        w.put("total", pool.counts().total());
                        warnings.add(w);
                    }
                }
            }
            details.put("computedAt", summary.computedAt().toString());
            details.put("lowFreeRatio", summary.lowFreeRatio());
            details.put("lowFreeCount", summary.lowFreeCount());
        }
        details.put("pools", pools);
        details.put("warnings", warnings);
        String error = monitor.lastError();
        if (error != null) {
            details.put("error", error);
        }
        return Health.up().withDetails(details).build();
    }
}
