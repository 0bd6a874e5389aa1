package com.pnhub.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 6: rebuild every projection from an event store of {@code --replay-events} events.
 *
 * <p>The API makes events far too slowly for a million, so the store is filled by cloning what the service
 * itself wrote: whole PrivateNumber streams (same payload types, payload and metadata bytes, sequence numbers)
 * under new X numbers (new aggregate ids, the X inside payloads rewritten, new event ids), appended with COPY
 * while the service is stopped; global_index continues from the table's identity. Before the service starts
 * again, every processor's token is moved to the new head: sagas, the RabbitMQ publisher and the projections
 * never see the clones as new work (no provider calls, no million messages). Then each replayable projection
 * is reset through {@code POST /api/v1/admin/projections/{name}/replay}, all at once, and timed until it has
 * caught up with the head.
 */
final class ReplayScenario {

    static final String NAME = "6 replay";
    static final String CPU_MS_PER_THOUSAND_EVENTS = "serviceCpuMsPerThousandEvents";
    private static final int TEMPLATE_STREAMS = 200;
    /**
     * A projection whose segments stay in error this long is given up on: a replay that cannot read the events (a
     * serializer that fails on them, say) would otherwise hold the run for the whole {@code --replay-timeout}.
     */
    private static final long GIVE_UP_IN_ERROR_NANOS = 15_000_000_000L;

    private ReplayScenario() {
    }

    record Event(long seq, String type, byte[] meta, byte[] payload, String revision, String payloadType, String timeStamp) {
    }

    static void run(Run run, Report.Section out) throws Exception {
        Map<String, List<Event>> templates = templates(run);
        if (templates.isEmpty()) {
            warmUp(run);
            templates = templates(run);
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException("no PrivateNumber stream with 4 or more events to clone");
        }
        long before = run.eventCount();
        long toInsert = Math.max(0, run.options().replayEvents - before);
        run.stack().stopService();
        long t0 = System.nanoTime();
        long inserted = copyClones(run, templates, toInsert);
        double copySeconds = (System.nanoTime() - t0) / 1e9;
        long head = run.queryLong("SELECT max(global_index) FROM domain_event_entry");
        int tokens = moveTokensTo(run, head);

        long startAt = System.nanoTime();
        run.stack().startService();
        double startSeconds = (System.nanoTime() - startAt) / 1e9;
        long stored = run.eventCount();
        out.put("eventsInStore", stored);
        out.put("eventsCloned", inserted);
        out.put("templateStreams", templates.size());
        out.put("cloneSeconds", Report.round(copySeconds));
        out.put("cloneEventsPerSecond", Report.round(inserted / copySeconds));
        out.put("tokensMovedToHead", tokens);
        out.put("serviceStartSeconds", Report.round(startSeconds));
        out.put("method", "bulk COPY of clones of the service's own PrivateNumber streams (new X/aggregate ids, event ids,"
                + " continuing global_index); processor tokens moved to the head before restart");

        ProcStats.Watch watch = new ProcStats.Watch(run.stack().servicePid());
        Map<String, Progress> finished = replayAll(run, head);
        Report.Section per = new Report.Section();
        double slowestRate = Double.MAX_VALUE;
        boolean allDone = true;
        double seconds = 0;
        for (Map.Entry<String, Progress> e : finished.entrySet()) {
            Progress p = e.getValue();
            Report.Section s = new Report.Section();
            s.put("caughtUp", p.done);
            if (p.errorSince != 0) {
                s.put("error", "segments in error state for " + Report.round((System.nanoTime() - p.errorSince) / 1e9)
                        + " s: see the service log");
            }
            s.put("seconds", Report.round(p.seconds));
            s.put("eventsProcessed", p.position);
            // a replay cut short by --replay-timeout still has a rate: the events it got through
            s.put("eventsPerSecond", Report.round(p.position / p.seconds));
            per.put(e.getKey(), s);
            slowestRate = Math.min(slowestRate, p.position / p.seconds);
            allDone &= p.done;
            seconds = Math.max(seconds, p.seconds);
        }
        out.put("concurrentProjections", finished.size());
        out.put("allCaughtUp", allDone);
        out.put("seconds", Report.round(seconds));
        out.put("eventsPerSecondSlowestProjection", Report.round(slowestRate));
        out.put("projections", per);
        Report.Section service = watch.finish();
        out.put("service", service);
        // every projection reads every stored event once, all at once: CPU per thousand stored events, all of them
        out.put(CPU_MS_PER_THOUSAND_EVENTS, Report.round(Report.ratio(((Number) service.get("cpuSeconds")).doubleValue() * 1e6, stored)));
    }

    /** Short bind/unbind cycles so that there is something to clone when scenario 1 did not run. */
    private static void warmUp(Run run) throws Exception {
        Metrics m = new Metrics();
        for (int round = 0; round < 2; round++) {
            for (Fixture.Pair p : run.fixture().pairs.subList(0, Math.min(20, run.fixture().pairs.size()))) {
                run.fixture().cycle(m, p, System.nanoTime());
            }
        }
    }

    private static Map<String, List<Event>> templates(Run run) throws Exception {
        Map<String, List<Event>> streams = new LinkedHashMap<>();
        try (Connection c = run.stack().connect();
             PreparedStatement q = c.prepareStatement("SELECT aggregate_identifier, sequence_number, type, meta_data, payload,"
                     + " payload_revision, payload_type, time_stamp FROM domain_event_entry WHERE aggregate_identifier IN ("
                     + " SELECT aggregate_identifier FROM domain_event_entry WHERE type = 'PrivateNumber'"
                     + " GROUP BY aggregate_identifier HAVING count(*) >= 4 LIMIT " + TEMPLATE_STREAMS + ")"
                     + " ORDER BY aggregate_identifier, sequence_number")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    streams.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Event(rs.getLong(2), rs.getString(3),
                            rs.getBytes(4), rs.getBytes(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return streams;
    }

    private static long copyClones(Run run, Map<String, List<Event>> templates, long toInsert) throws Exception {
        if (toInsert == 0) {
            return 0;
        }
        HexFormat hex = HexFormat.of();
        long inserted = 0;
        long clone = 0;
        long lastPrint = 0;
        try (Connection c = run.stack().connect()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY domain_event_entry (aggregate_identifier,"
                    + " sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
                    + " FROM STDIN");
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
            outer:
            while (true) {
                for (Map.Entry<String, List<Event>> stream : templates.entrySet()) {
                    String oldX = stream.getKey();
                    String newX = Fixture.number("19", clone++);
                    byte[] from = oldX.getBytes(StandardCharsets.UTF_8);
                    byte[] to = newX.getBytes(StandardCharsets.UTF_8);
                    for (Event e : stream.getValue()) {
                        StringBuilder row = new StringBuilder(2048);
                        row.append(newX).append('\t').append(e.seq()).append('\t').append(text(e.type())).append('\t')
                                .append(java.util.UUID.randomUUID()).append('\t')
                                .append(e.meta() == null ? "\\N" : "\\\\x" + hex.formatHex(replace(e.meta(), from, to))).append('\t')
                                .append("\\\\x").append(hex.formatHex(replace(e.payload(), from, to))).append('\t')
                                .append(text(e.revision())).append('\t').append(e.payloadType()).append('\t')
                                .append(e.timeStamp()).append('\n');
                        buf.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
                        if (++inserted >= toInsert) {
                            break outer;
                        }
                    }
                    if (buf.size() > (1 << 20)) {
                        copy.writeToCopy(buf.toByteArray(), 0, buf.size());
                        buf.reset();
                        if (inserted - lastPrint >= 50_000) {
                            lastPrint = inserted;
                            System.err.printf(Locale.ROOT, "\r[6 replay] cloning events %d / %d (%.0f%%)   ", inserted, toInsert,
                                    100.0 * inserted / toInsert);
                        }
                    }
                }
            }
            copy.writeToCopy(buf.toByteArray(), 0, buf.size());
            copy.endCopy();
            System.err.println();
        }
        return inserted;
    }

    private static String text(String s) {
        return s == null ? "\\N" : s;
    }

    /** Every occurrence of {@code from} replaced by {@code to} (the same length: an X is 11 digits). */
    static byte[] replace(byte[] data, byte[] from, byte[] to) {
        byte[] out = data.clone();
        for (int i = 0; i <= out.length - from.length; i++) {
            boolean match = true;
            for (int j = 0; j < from.length && match; j++) {
                match = out[i + j] == from[j];
            }
            if (match) {
                System.arraycopy(to, 0, out, i, to.length);
                i += from.length - 1;
            }
        }
        return out;
    }

    /** Every token of every processor to "processed up to {@code head}" (Axon's gap-aware token, serialized as JSON). */
    private static int moveTokensTo(Run run, long head) throws Exception {
        try (Connection c = run.stack().connect();
             PreparedStatement u = c.prepareStatement("UPDATE token_entry SET token = ?, token_type = ?")) {
            u.setBytes(1, ("{\"index\":" + head + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8));
            u.setString(2, "org.axonframework.eventhandling.GapAwareTrackingToken");
            return u.executeUpdate();
        }
    }

    /** How far one projection's replay got, and when it caught up (or was last seen, on timeout). */
    static final class Progress {
        boolean done;
        double seconds;
        long position;
        /** {@link System#nanoTime()} since which a segment has been in error, 0 while none is. */
        long errorSince;

        boolean finished(long now) {
            return done || errorSince != 0 && now - errorSince > GIVE_UP_IN_ERROR_NANOS;
        }
    }

    /** Starts every replay, then waits for each to reach {@code head} or for {@code --replay-timeout}. */
    private static Map<String, Progress> replayAll(Run run, long head) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode p : run.http().getJson("/api/v1/admin/projections")) {
            names.add(p.path("name").asString());
        }
        long start = System.nanoTime();
        for (String name : names) {
            var r = run.http().send("POST", "/api/v1/admin/projections/" + name + "/replay", null);
            if (r.statusCode() != 202) {
                throw new IllegalStateException("replay " + name + ": HTTP " + r.statusCode());
            }
        }
        Map<String, Progress> done = new LinkedHashMap<>();
        names.forEach(n -> done.put(n, new Progress()));
        long deadline = start + run.options().replayTimeout.toNanos();
        while (System.nanoTime() < deadline && done.values().stream().anyMatch(p -> !p.finished(System.nanoTime()))) {
            Thread.sleep(500);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "\r[6 replay] %4.0fs", (System.nanoTime() - start) / 1e9));
            for (JsonNode p : run.http().getJson("/api/v1/admin/projections")) {
                String name = p.path("name").asString();
                long lowest = Long.MAX_VALUE;
                boolean caughtUp = p.path("segments").size() > 0 && !p.path("replaying").asBoolean();
                boolean error = false;
                for (JsonNode s : p.path("segments")) {
                    long pos = s.path("position").isNumber() ? s.path("position").asLong() : 0;
                    lowest = Math.min(lowest, pos);
                    caughtUp &= s.path("caughtUp").asBoolean() && pos >= head;
                    error |= s.path("errorState").asBoolean();
                }
                Progress progress = done.get(name);
                if (progress != null && !progress.finished(System.nanoTime())) {
                    progress.errorSince = !error ? 0 : progress.errorSince != 0 ? progress.errorSince : System.nanoTime();
                    progress.done = caughtUp;
                    progress.seconds = (System.nanoTime() - start) / 1e9;
                    progress.position = lowest == Long.MAX_VALUE ? 0 : Math.min(lowest, head);
                }
                line.append(String.format(Locale.ROOT, "  %s %3.0f%%", name, lowest == Long.MAX_VALUE ? 0 : 100.0 * lowest / head));
            }
            System.err.print(line);
        }
        System.err.println();
        return done;
    }
}
