package com.pnhub.app.config;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Spreads the segments of the pooled processors over the running instances. Without Axon Server an
 * instance claims every segment it can, so the first one to start keeps all of them and a second one
 * idles until the first dies. Each instance announces itself by holding one database connection named
 * {@value #PRESENCE_PREFIX}… (a killed instance's connection closes with its process, so it stops counting
 * at once, with no heartbeat table to expire), counts the instances in {@code pg_stat_activity}, and
 * releases the segments it holds beyond its fair share ({@code ceil(segments / instances)}) for a while,
 * so that another instance claims them. A lone instance releases nothing.
 */
@Component
public class SegmentBalancer implements SmartLifecycle {

    static final String PRESENCE_PREFIX = "pnhub-instance ";
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    /** Longer than the pooled processors' token claim interval (5 s), so another instance gets to claim it first. */
    private static final Duration RELEASE_FOR = Duration.ofSeconds(15);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration interval;
    private final String presence = PRESENCE_PREFIX + ManagementFactory.getRuntimeMXBean().getName();
    private ScheduledExecutorService executor;
    private Connection presenceConnection;
    private volatile boolean running;

    public SegmentBalancer(DataSource dataSource, JdbcTemplate jdbc, EventProcessingConfiguration processing,
                           @Value("${pnhub.processing.balance-interval:3s}") Duration interval) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.processing = processing;
        this.interval = interval;
    }

    /** Balancing starts once the processors run, not with the context. */
    @EventListener(ApplicationReadyEvent.class)
    void startBalancing() {
        if (!running || interval.isZero() || interval.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "segment-balancer");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::balanceQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
        }
        closePresence();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (SQLException | DataAccessException e) {
            // the database is away: nothing to balance against; the presence is re-established next time
            log.warn("segment balancing skipped: {}", e.getMessage());
            closePresence();
        } catch (RuntimeException e) {
            log.warn("segment balancing failed", e);
        }
    }

    void balance() throws SQLException {
        announce();
        Integer instances = jdbc.queryForObject("SELECT count(DISTINCT application_name) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND application_name LIKE ?", Integer.class, PRESENCE_PREFIX + "%");
        if (instances == null || instances <= 1) {
            return;
        }
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                releaseBeyondShare(name, streaming, instances);
            }
        });
    }

    private void releaseBeyondShare(String name, StreamingEventProcessor processor, int instances) {
        Integer segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, name);
        if (segments == null || segments <= 1) {
            return;
        }
        int share = (segments + instances - 1) / instances;
        List<Integer> held = new ArrayList<>(processor.processingStatus().keySet());
        held.sort(Comparator.reverseOrder());
        for (int i = 0; i < held.size() - share; i++) {
            log.info("releasing segment {} of {} ({} instances, share {})", held.get(i), name, instances, share);
            processor.releaseSegment(held.get(i), RELEASE_FOR.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void announce() throws SQLException {
        if (presenceConnection != null && presenceConnection.isValid(2)) {
            return;
        }
        closePresence();
        Connection c = dataSource.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = '" + presence.replace("'", "") + "'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        presenceConnection = c;
    }

    private synchronized void closePresence() {
        if (presenceConnection != null) {
            try {
                presenceConnection.close();
            } catch (SQLException e) {
                log.debug("closing the presence connection: {}", e.getMessage());
            }
            presenceConnection = null;
        }
    }
}
