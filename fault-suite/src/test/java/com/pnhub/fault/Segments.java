package com.pnhub.fault;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Who owns which segment, read from token_entry (Axon's owner is the JVM's {@code pid@host}). */
final class Segments {

    /** One reading: processor → segment → owner (null: unclaimed), and when each row's claim was last written. */
    record Owners(Map<String, Map<Integer, String>> byProcessor, Map<String, Instant> claimedAt) {

        /** Segments owned by the process {@code pid}. */
        int ownedBy(long pid) {
            String prefix = pid + "@";
            return (int) byProcessor.values().stream().flatMap(m -> m.values().stream())
                    .filter(o -> o != null && o.startsWith(prefix)).count();
        }

        /** Per processor, how many segments {@code pid} owns (for the report). */
        Map<String, Integer> sharesOf(long pid) {
            String prefix = pid + "@";
            Map<String, Integer> shares = new TreeMap<>();
            byProcessor.forEach((processor, owners) -> shares.put(processor,
                    (int) owners.values().stream().filter(o -> o != null && o.startsWith(prefix)).count()));
            return shares;
        }

        /** Every segment of every processor is owned by one of {@code pids}. */
        boolean allOwnedBy(List<Long> pids) {
            return byProcessor.values().stream().flatMap(m -> m.values().stream())
                    .allMatch(o -> o != null && pids.stream().anyMatch(p -> o.startsWith(p + "@")));
        }

        /**
         * The shares are settled among {@code pids}: every segment owned by one of them and none holding more than
         * its share, {@code ceil(segments / instances)} (what ClusterPresence gives each processor).
         */
        boolean balancedOver(List<Long> pids) {
            if (!allOwnedBy(pids)) {
                return false;
            }
            for (Map<Integer, String> owners : byProcessor.values()) {
                int share = (owners.size() + pids.size() - 1) / pids.size();
                for (long pid : pids) {
                    if (owners.values().stream().filter(o -> o.startsWith(pid + "@")).count() > share) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private Segments() {
    }

    static Owners read(FaultWorld world) throws SQLException {
        Map<String, Map<Integer, String>> owners = new TreeMap<>();
        Map<String, Instant> claimedAt = new HashMap<>();
        try (Connection c = world.db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT processor_name, segment, owner, time_stamp FROM token_entry")) {
            while (rs.next()) {
                owners.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getInt(2), rs.getString(3));
                claimedAt.put(rs.getString(1) + "#" + rs.getInt(2), rs.getString(4) == null ? Instant.EPOCH : Instant.parse(rs.getString(4)));
            }
        }
        return new Owners(owners, claimedAt);
    }

    /**
     * How the segments of a stopping process {@code pid} changed hands, followed until {@code done} holds. A segment
     * was <em>released</em> when it was seen unowned (only a release clears the owner; an expired claim keeps it) or
     * owned by another process before its last claim by {@code pid} could have expired ({@code claimTimeout}).
     */
    record Handover(int held, List<String> leftToExpire, long givenUpMillis, long millis) {
    }

    static Handover follow(FaultWorld world, long pid, long sinceNanos, Duration claimTimeout, Duration timeout,
                           Predicate<Owners> done) {
        String prefix = pid + "@";
        Map<String, Instant> lastClaim = new HashMap<>();
        Map<String, Boolean> released = new HashMap<>();
        long givenUp = -1;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Owners now;
            try {
                now = read(world);
            } catch (SQLException e) {
                throw new IllegalStateException("reading token_entry", e);
            }
            Instant readAt = Instant.now();
            now.byProcessor().forEach((processor, owners) -> owners.forEach((segment, owner) -> {
                String key = processor + "#" + segment;
                if (owner != null && owner.startsWith(prefix)) {
                    lastClaim.put(key, now.claimedAt().get(key));
                } else if (lastClaim.containsKey(key) && !released.containsKey(key)) {
                    released.put(key, owner == null || readAt.isBefore(lastClaim.get(key).plus(claimTimeout)));
                }
            }));
            if (givenUp < 0 && now.ownedBy(pid) == 0) {
                givenUp = (System.nanoTime() - sinceNanos) / 1_000_000;
            }
            if (done.test(now) && released.keySet().containsAll(lastClaim.keySet())) {
                List<String> expired = released.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted().toList();
                return new Handover(lastClaim.size(), expired, givenUp, (System.nanoTime() - sinceNanos) / 1_000_000);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s following the segments of " + pid);
            }
            Waits.sleep(100);
        }
    }
}
