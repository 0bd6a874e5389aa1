package com.pnhub.command.provider.resilience;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The per-platform breakers and retries ({@link ProviderHealth}), the {@code providers} health indicator and the
 * Resilience4j meters ({@code resilience4j.circuitbreaker.*}, {@code resilience4j.retry.*}, tagged
 * {@code name=provider-<platform>}); the MeterBinder beans are bound to the MeterRegistry by Spring Boot.
 * Imported by ProvidersConfig, which wraps every provider in a {@link ResilientNumberProvider}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceSettings.class)
public class ResilienceConfig {

    @Bean
    public ProviderHealth providerHealth(ResilienceSettings settings) {
        return new ProviderHealth(settings, Clock.systemUTC());
    }

    /** Bean name {@code providersHealthIndicator}: the contributor is called {@code providers}. */
    @Bean
    public ProvidersHealthIndicator providersHealthIndicator(ProviderHealth health) {
        return new ProvidersHealthIndicator(health);
    }

    @Bean
    public MeterBinder providerCircuitBreakerMetrics(ProviderHealth health) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(health.circuitBreakerRegistry());
    }

    @Bean
    public MeterBinder providerRetryMetrics(ProviderHealth health) {
        return TaggedRetryMetrics.ofRetryRegistry(health.retryRegistry());
    }
}
