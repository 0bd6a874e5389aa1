package com.pnhub.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The least durable work a command can do, with the service's concurrency against the same PostgreSQL:
 * read the aggregate's stream, append one event, commit; in a table identical to {@code domain_event_entry}
 * (its DDL is read from the service's Flyway migration, so the two cannot drift apart). Its appends per
 * second are what the service's event appends are compared with.
 */
final class RawBaseline {

    static final String TABLE = "bench_raw_event_entry";
    private static final String MIGRATION = "app/src/main/resources/db/migration/V1__axon_infrastructure.sql";

    private RawBaseline() {
    }

    static Report.Section run(Run run, int workers) throws Exception {
        String ddl = ddl(run.options().repoRoot.resolve(MIGRATION));
        byte[] payload;
        byte[] meta;
        String payloadType;
        try (Connection c = run.stack().connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute(ddl);
            // a real event's size: the service's payload and metadata if it wrote any, else a stand-in of similar size
            try (ResultSet rs = s.executeQuery("SELECT payload, meta_data, payload_type FROM domain_event_entry "
                    + "WHERE payload_type LIKE '%AxBoundEvent' ORDER BY global_index DESC LIMIT 1")) {
                if (rs.next()) {
                    payload = rs.getBytes(1);
                    meta = rs.getBytes(2);
                    payloadType = rs.getString(3);
                } else {
                    payload = "{\"number\":\"17300000000\",\"userId\":\"700000\",\"phoneA\":\"13800000000\",\"subsId\":\"1000000000000000\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    meta = ("{\"requestId\":\"" + UUID.randomUUID().toString().replace("-", "") + "\",\"channel\":\"LEGACY_HTTP\","
                            + "\"addUser\":\"1\",\"lastUser\":\"1\",\"operator\":\"1\",\"correlationId\":\"" + UUID.randomUUID()
                            + "\",\"traceId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
                    payloadType = "com.pnhub.api.numbers.AxBoundEvent";
                }
            }
        }
        Metrics m = new Metrics();
        List<Connection> connections = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                Connection c = run.stack().connect();
                c.setAutoCommit(false);
                connections.add(c);
            }
            String runTag = UUID.randomUUID().toString().substring(0, 8);
            Load.Result r = Load.closed("1 raw JDBC baseline x" + workers, workers, run.options().duration, m, "append",
                    w -> append(connections.get(w), "raw-" + runTag + "-" + w, payload, meta, payloadType, m));
            Report.Section s = r.toSection();
            s.put("workers", workers);
            s.put("table", TABLE + " (DDL of domain_event_entry from " + MIGRATION + ")");
            s.put("appendsPerSecond", Report.round(m.counter("append.ok") / r.seconds()));
            s.put("append", m.latency("append"));
            s.put("counters", m.counters());
            return s;
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            try (Connection c = run.stack().connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    private static void append(Connection c, String aggregate, byte[] payload, byte[] meta, String payloadType, Metrics m)
            throws Exception {
        long t0 = System.nanoTime();
        try {
            long next = 0;
            // reads the whole stream as an event-sourced aggregate load does, payloads included
            try (PreparedStatement read = c.prepareStatement("SELECT sequence_number, payload, meta_data FROM " + TABLE
                    + " WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
                read.setString(1, aggregate);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        next = rs.getLong(1) + 1;
                        rs.getBytes(2);
                        rs.getBytes(3);
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (aggregate_identifier, sequence_number, type,"
                    + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) VALUES (?,?,?,?,?,?,?,?,?)")) {
                insert.setString(1, aggregate);
                insert.setLong(2, next);
                insert.setString(3, "PrivateNumber");
                insert.setString(4, UUID.randomUUID().toString());
                insert.setBytes(5, meta);
                insert.setBytes(6, payload);
                insert.setString(7, null);
                insert.setString(8, payloadType);
                insert.setString(9, Instant.now().toString());
                insert.executeUpdate();
            }
            c.commit();
            m.record("append", System.nanoTime() - t0, true);
        } catch (Exception e) {
            c.rollback();
            m.record("append", System.nanoTime() - t0, false);
            m.count("append.error " + e.getClass().getSimpleName());
        }
    }

    /** The {@code CREATE TABLE domain_event_entry} statement of the migration, renamed (constraint names too). */
    static String ddl(Path migration) throws Exception {
        String sql = Files.readString(migration);
        Matcher m = Pattern.compile("CREATE TABLE domain_event_entry \\(.*?\\n\\);", Pattern.DOTALL).matcher(sql);
        if (!m.find()) {
            throw new IllegalStateException("no CREATE TABLE domain_event_entry in " + migration);
        }
        String statement = m.group().replaceAll("(?m)--.*$", "");
        return statement.replace("domain_event_entry", TABLE);
    }
}
