package com.pnhub.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * A simulator's account kept in one JSON file, so that a restarted simulator still has the bindings a restarted
 * service remembers (ADR 0015). Loaded once before the simulator serves; written a short while after a change
 * (changes within that while share one write) and at close. Each write goes to a temporary file of the same folder,
 * which then replaces the file in one move: a crash leaves the previous file or the new one, never half of one.
 * The temporary file is created readable by its owner only, and the move keeps that: the file holds phone numbers.
 */
final class StateFile implements AutoCloseable {

    /** Bumped when the layout changes in a way an older reader would misread. */
    static final int FORMAT = 1;
    static final long DEBOUNCE_MILLIS = 200;

    private static final Logger log = LoggerFactory.getLogger(StateFile.class);

    private final Path file;
    private final SimulatorState state;
    private final ScheduledExecutorService writer;
    private final AtomicBoolean pending = new AtomicBoolean();

    private StateFile(Path file, SimulatorState state, String name) {
        this.file = file;
        this.state = state;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-" + name + "-state");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads {@code file} into {@code state} if it exists, then keeps it up to date with every change. */
    static StateFile attach(Path file, SimulatorState state, String name) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            state.restore(read(absolute));
            log.info("[{}] state loaded from {}", name, absolute);
        }
        StateFile stateFile = new StateFile(absolute, state, name);
        state.onChange(stateFile::schedule);
        return stateFile;
    }

    Path path() {
        return file;
    }

    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            writer.schedule(this::writeNow, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void writeNow() {
        pending.set(false);
        try {
            write();
        } catch (IOException | RuntimeException e) {
            // the next change tries again; a simulator keeps answering whatever its disk does
            log.warn("cannot write simulator state to {}: {}", file, e.toString());
        }
    }

    /** Writes what is pending now and stops writing; the file then holds the state as it is at this call. */
    @Override
    public void close() {
        state.onChange(() -> { });
        writer.shutdownNow();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
            write();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulator state to " + file, e);
        }
    }

    private synchronized void write() throws IOException {
        SimulatorState.Snapshot s = state.snapshot();
        FileContent content = new FileContent(FORMAT, s.lastSubsId(), s.pools(),
                s.subscriptions().stream().map(StoredSubscription::of).toList(),
                s.blacklist().stream().map(StoredBlacklistEntry::of).toList());
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static SimulatorState.Snapshot read(Path file) {
        FileContent c;
        try {
            c = Json.MAPPER.readValue(Files.readAllBytes(file), FileContent.class);
        } catch (IOException | JacksonException e) {
            throw unreadable(file, e);
        }
        if (c.format() != FORMAT) {
            throw new IllegalStateException("simulator state file " + file + " has format " + c.format()
                    + ", this simulator reads " + FORMAT + "; delete it to start this simulator empty");
        }
        try {
            return new SimulatorState.Snapshot(c.lastSubsId(), c.pools() == null ? Map.of() : c.pools(),
                    c.subscriptions() == null ? List.of()
                            : c.subscriptions().stream().map(StoredSubscription::toSubscription).toList(),
                    c.blacklist() == null ? List.of() : c.blacklist().stream().map(StoredBlacklistEntry::toEntry).toList());
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static IllegalStateException unreadable(Path file, Exception e) {
        return new IllegalStateException("simulator state file " + file + " is unreadable (" + e.getMessage()
                + "); delete it to start this simulator empty", e);
    }

    // times as ISO local date-times of the simulator's zone, as the state holds them

    record FileContent(int format, long lastSubsId, Map<String, List<String>> pools,
                       List<StoredSubscription> subscriptions, List<StoredBlacklistEntry> blacklist) {
    }

    record StoredSubscription(String subsId, String poolKey, Subscription.Type type, String x, String a, String b,
                              String expiration, String outId, String createdAt, boolean active) {

        static StoredSubscription of(Subscription s) {
            return new StoredSubscription(s.subsId(), s.poolKey(), s.type(), s.x(), s.a(), s.b(),
                    s.expiration().toString(), s.outId(), s.createdAt().toString(), s.active());
        }

        Subscription toSubscription() {
            return new Subscription(subsId, poolKey, type, x, a, b, LocalDateTime.parse(expiration), outId,
                    LocalDateTime.parse(createdAt), active);
        }
    }

    record StoredBlacklistEntry(String poolKey, String blackNo, String blackType, String wayControl, String remark,
                                String createdAt) {

        static StoredBlacklistEntry of(BlacklistEntry e) {
            return new StoredBlacklistEntry(e.poolKey(), e.blackNo(), e.blackType(), e.wayControl(), e.remark(),
                    e.createdAt().toString());
        }

        BlacklistEntry toEntry() {
            return new BlacklistEntry(poolKey, blackNo, blackType, wayControl, remark, LocalDateTime.parse(createdAt));
        }
    }
}
