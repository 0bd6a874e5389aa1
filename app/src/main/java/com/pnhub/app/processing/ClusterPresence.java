package com.pnhub.app.processing;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one instance knows of the others, through the PostgreSQL they share (there is no Axon Server).
 * <ul>
 *   <li><b>Presence.</b> Each instance holds one connection named {@value #PRESENCE_PREFIX}&lt;pid@host&gt; and
 *   counts those connections in {@code pg_stat_activity}. A killed instance's connection closes with its process,
 *   so it stops counting at once, with no heartbeat table to expire. The count gives every pooled processor its
 *   share of segments ({@link #shareOf(int)}, the processors' {@code maxSegmentProvider}): Axon releases segments
 *   beyond it by itself and the other instances claim them.</li>
 *   <li><b>Joining and leaving.</b> A new connection, and an instance that stops gracefully ({@link #leave()}, after
 *   its processors released their segments), say so on {@value #PRESENCE_CHANNEL}; the others count again at once
 *   instead of at their next count, so a stopping instance's segments are taken over, and a starting one is given
 *   its share, within a token claim interval. A leaving instance renames its connection, so it is no longer
 *   counted although the connection stays open until the context closes.</li>
 *   <li><b>Notifications.</b> The same connection LISTENs on the channels registered with {@link #onNotification};
 *   {@link #notify} sends one from inside the caller's transaction ({@code pg_notify}), so it is delivered when, and
 *   only if, that transaction commits. A notification this instance sent is not delivered back to it.</li>
 * </ul>
 * Started and closed with the application context (app's AxonProcessingConfig).
 */
public final class ClusterPresence implements AutoCloseable {

    static final String PRESENCE_PREFIX = "pnhub-instance ";
    static final String LEAVING_PREFIX = "pnhub-leaving ";
    static final String PRESENCE_CHANNEL = "pnhub_presence";

    private static final Logger log = LoggerFactory.getLogger(ClusterPresence.class);
    private static final int POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Duration countInterval;
    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName();
    private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();
    private volatile int instances = 1;
    private volatile boolean running;
    private volatile boolean leaving;
    private volatile boolean recountNow;
    private final CountDownLatch left = new CountDownLatch(1);
    private Thread thread;

    public ClusterPresence(DataSource dataSource, JdbcTemplate jdbc, Duration countInterval) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.countInterval = countInterval;
    }

    /** Live instances sharing this database, this one included; 1 until the first count. */
    public int instances() {
        return instances;
    }

    /** Segments this instance may hold of a processor with {@code segments} segments: its rounded-up share. */
    public int shareOf(int segments) {
        int n = Math.max(1, instances);
        return Math.max(1, (segments + n - 1) / n);
    }

    /**
     * Registers a listener for notifications on {@code channel} (a plain identifier); it runs on the presence thread
     * and must not block. The channel is listened to from the next moment the thread is connected.
     */
    public void onNotification(String channel, Consumer<String> listener) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        listeners.put(channel, listener);
    }

    /**
     * Sends {@code payload} on {@code channel} inside the current transaction (or at once without one). The payload
     * carries this instance's id, by which the receiving side drops its own notifications.
     */
    public void notify(String channel, String payload) {
        jdbc.query("SELECT pg_notify(?, ?)", rs -> null, channel, instanceId + "|" + payload);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "cluster-presence");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * This instance stops counting itself and tells the others, who count again at once. Called once its processors
     * have released their segments (app's AxonProcessingConfig, an Axon shutdown handler after the processors');
     * waits up to two seconds for the presence thread to have done it.
     */
    public void leave() {
        leaving = true;
        if (!running) {
            return;
        }
        try {
            if (!left.await(2, TimeUnit.SECONDS)) {
                log.warn("cluster presence: could not announce leaving; the others notice at the connection's close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Connection connection = null;
        Set<String> listening = new HashSet<>();
        long nextCount = 0;
        while (running) {
            try {
                if (connection == null || !connection.isValid(2)) {
                    closeQuietly(connection);
                    connection = open();
                    listening.clear();
                    nextCount = 0;
                    if (!leaving) {
                        announce(connection, "joined");
                    }
                }
                if (leaving && left.getCount() > 0) {
                    rename(connection, LEAVING_PREFIX);
                    announce(connection, "left");
                    left.countDown();
                }
                listen(connection, listening);
                if (recountNow) {
                    recountNow = false;
                    nextCount = 0;
                }
                if (System.nanoTime() >= nextCount) {
                    count(connection);
                    nextCount = System.nanoTime() + countInterval.toNanos();
                }
                PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (received != null) {
                    for (PGNotification n : received) {
                        deliver(n.getName(), n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                // the database is away: count as alone (claim what can be claimed) and reconnect shortly
                log.warn("cluster presence lost its connection: {}", e.getMessage());
                closeQuietly(connection);
                connection = null;
                instances = 1;
                sleep(1000);
            }
        }
        closeQuietly(connection);
    }

    private void count(Connection connection) throws SQLException {
        int now = 1;
        try (var st = connection.prepareStatement("SELECT count(DISTINCT application_name) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND application_name LIKE ?")) {
            st.setString(1, PRESENCE_PREFIX + "%");
            try (var rs = st.executeQuery()) {
                if (rs.next()) {
                    now = Math.max(1, rs.getInt(1));
                }
            }
        }
        if (now != instances) {
            log.info("{} instance(s) share this database", now);
        }
        instances = now;
    }

    private void deliver(String channel, String parameter) {
        int bar = parameter == null ? -1 : parameter.indexOf('|');
        if (bar < 0 || parameter.substring(0, bar).equals(instanceId)) {
            return;
        }
        if (channel.equals(PRESENCE_CHANNEL)) {
            recountNow = true;
            return;
        }
        Consumer<String> listener = listeners.get(channel);
        if (listener != null) {
            try {
                listener.accept(parameter.substring(bar + 1));
            } catch (RuntimeException e) {
                log.warn("notification on {} not handled: {}", channel, e.getMessage());
            }
        }
    }

    /** Its own connection, outside the pool: it LISTENs for the life of the instance. */
    private Connection open() throws SQLException {
        Connection c;
        if (dataSource instanceof HikariDataSource hikari) {
            c = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        } else {
            c = dataSource.getConnection();
        }
        c.setAutoCommit(true);
        try {
            rename(c, leaving ? LEAVING_PREFIX : PRESENCE_PREFIX);
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    private void rename(Connection c, String prefix) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = '" + (prefix + instanceId).replace("'", "") + "'");
        }
    }

    private void announce(Connection c, String what) throws SQLException {
        try (var st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, PRESENCE_CHANNEL);
            st.setString(2, instanceId + "|" + what);
            st.execute();
        }
    }

    private void listen(Connection connection, Set<String> listening) throws SQLException {
        for (String channel : channels()) {
            if (listening.add(channel)) {
                try (Statement st = connection.createStatement()) {
                    // a checked identifier (onNotification)
                    st.execute("LISTEN " + channel);
                }
            }
        }
    }

    private Set<String> channels() {
        Set<String> channels = new HashSet<>(listeners.keySet());
        channels.add(PRESENCE_CHANNEL);
        return channels;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing the presence connection: {}", e.getMessage());
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
