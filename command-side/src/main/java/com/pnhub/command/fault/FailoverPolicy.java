package com.pnhub.command.fault;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When automatic failover starts: a fault binding that has waited {@code pnhub.failover.after} (default
 * 60 s) for its provider gets a temporary number on another platform. Adjustable at run time (operations
 * and tests), read when a fault binding starts waiting.
 */
@Component
public class FailoverPolicy {

    private volatile boolean enabled;
    private volatile Duration after;

    public FailoverPolicy(@Value("${pnhub.failover.enabled:true}") boolean enabled,
                          @Value("${pnhub.failover.after:60s}") Duration after) {
        this.enabled = enabled;
        this.after = after;
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration after() {
        return after;
    }

    public void configure(boolean enabled, Duration after) {
        this.enabled = enabled;
        this.after = after;
    }
}
