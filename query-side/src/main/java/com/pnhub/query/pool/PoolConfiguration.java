package com.pnhub.query.pool;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on {@code @Scheduled}, which {@link PoolMonitor} refreshes with (harmless where another module does too). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PoolConfiguration {
}
