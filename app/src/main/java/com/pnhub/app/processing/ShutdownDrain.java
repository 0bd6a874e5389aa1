package com.pnhub.app.processing;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The pre-stop delay of a graceful stop (docs/operations.md, "Rolling deploys"; ADR 0020). Spring Boot publishes
 * readiness {@code REFUSING_TRAFFIC} as the first step of closing the context, but the very next steps pause Tomcat:
 * a request a load balancer still routes here is then refused at connect time (retryable) or, on a kept-alive
 * connection, answered 503 (not retryable: it reached the service). So the service keeps serving, with readiness
 * DOWN, for {@code pnhub.shutdown.drain-delay}, long enough for the balancer's probes to take it out, and only then
 * lets the web server finish its in-flight requests and Axon release the processors' segments.
 * <p>
 * Runs on {@link ContextClosedEvent}, which comes after the readiness change and before any lifecycle bean stops.
 * An instance that never accepted traffic (closed during start-up) has nothing to drain and stops at once.
 */
@Component
public class ShutdownDrain {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final ApplicationContext context;
    private final Duration delay;
    private volatile boolean acceptedTraffic;

    public ShutdownDrain(ApplicationContext context, @Value("${pnhub.shutdown.drain-delay:0s}") Duration delay) {
        this.context = context;
        this.delay = delay;
    }

    @EventListener
    public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            acceptedTraffic = true;
        }
    }

    @EventListener
    public void onClose(ContextClosedEvent event) {
        if (event.getApplicationContext() != context || !acceptedTraffic || delay.isZero() || delay.isNegative()) {
            return;
        }
        log.info("stopping: readiness is DOWN, serving on for {} ms before the web server stops accepting requests", delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopping: drain delay over; finishing in-flight requests, then releasing the processors' segments");
    }
}
