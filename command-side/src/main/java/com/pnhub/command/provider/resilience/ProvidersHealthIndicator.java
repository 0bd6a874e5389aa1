package com.pnhub.command.provider.resilience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/providers}: each platform's circuit breaker. Always UP: with a platform down the
 * service still works (its bindings become fault bindings and are pushed on recovery), so a load balancer must
 * not take the instance out. Which platforms are down is in the details ({@code down}, and per platform).
 */
public class ProvidersHealthIndicator implements HealthIndicator {

    private final ProviderHealth health;

    public ProvidersHealthIndicator(ProviderHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        List<ProviderHealth.PlatformHealth> platforms = health.platforms();
        Health.Builder builder = Health.up();
        List<String> down = platforms.stream().filter(ProviderHealth.PlatformHealth::down)
                .map(p -> key(p)).toList();
        builder.withDetail("down", down);
        for (ProviderHealth.PlatformHealth p : platforms) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", p.state().name());
            d.put("since", p.since().toString());
            if (p.downSince() != null) {
                d.put("downSince", p.downSince().toString());
            }
            d.put("failureRate", p.failureRate());
            d.put("bufferedCalls", p.bufferedCalls());
            d.put("failedCalls", p.failedCalls());
            d.put("notPermittedCalls", p.notPermittedCalls());
            builder.withDetail(key(p), d);
        }
        return builder.build();
    }

    private static String key(ProviderHealth.PlatformHealth p) {
        return p.platform().name().toLowerCase(Locale.ROOT);
    }
}
