package com.pnhub.command.gateway;

import com.pnhub.api.values.Platform;
import com.pnhub.command.fault.RunningFailovers;
import com.pnhub.command.provider.resilience.ProviderHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The providers as an operations console shows them: per configured platform its circuit breaker (state, since
 * when, the calls in its window) and the failovers running away from it. The breaker is this instance's
 * (every instance judges the provider from its own calls); the failovers are the whole service's.
 */
@Service
public class ProviderStatuses {

    /**
     * {@code since}: the last state transition of the breaker on this instance, null while it has not moved since
     * start. {@code failureRatePercent}: failed / buffered calls of the breaker's window (0 with no call), the
     * breaker's own rate once it has its minimum number of calls.
     */
    public record ProviderStatus(int platform, String name, String circuitState, Instant since, double failureRatePercent,
                                 int bufferedCalls, int failedCalls, long notPermittedCalls, long runningFailovers) {
    }

    private final ProviderHealth health;
    private final RunningFailovers failovers;

    public ProviderStatuses(ProviderHealth health, RunningFailovers failovers) {
        this.health = health;
        this.failovers = failovers;
    }

    public List<ProviderStatus> all() {
        Map<Platform, Long> running = failovers.byPlatform();
        return health.platforms().stream().map(p -> new ProviderStatus(p.platform().code(), p.platform().displayName(),
                p.state().name(), p.lastTransition(), failureRatePercent(p), p.bufferedCalls(), p.failedCalls(),
                p.notPermittedCalls(), running.getOrDefault(p.platform(), 0L))).toList();
    }

    /** Resilience4j answers -1 until the minimum number of calls; the console wants the rate of what was seen. */
    private static double failureRatePercent(ProviderHealth.PlatformHealth p) {
        if (p.failureRate() >= 0) {
            return p.failureRate();
        }
        return p.bufferedCalls() == 0 ? 0.0 : 100.0 * p.failedCalls() / p.bufferedCalls();
    }
}
