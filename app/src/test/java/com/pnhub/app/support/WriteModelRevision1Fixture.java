package com.pnhub.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows the build of commit a93d0d6 wrote (write-model-revision-1/README.md), as PostgreSQL's COPY exported them in
 * CSV: a header, quoted fields with doubled quotes.
 */
public final class WriteModelRevision1Fixture {

    private WriteModelRevision1Fixture() {
    }

    /** Its domain_event_entry rows, inserted as they were (Flyway made the tables). */
    public static void insertEvents(JdbcTemplate jdbc) {
        for (Map<String, String> row : rows("events.csv")) {
            jdbc.update("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, time_stamp,
                                                    payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.get("aggregate_identifier"),
                    Long.parseLong(row.get("sequence_number")), row.get("type"), row.get("event_identifier"), row.get("time_stamp"),
                    row.get("payload_type"), row.get("payload_revision").isEmpty() ? null : row.get("payload_revision"),
                    row.get("payload").getBytes(StandardCharsets.UTF_8), row.get("meta_data").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The rows of one of its tables, {@code name} the file (events.csv, call_record_ledger.csv). */
    public static List<Map<String, String>> rows(String name) {
        try (InputStream in = WriteModelRevision1Fixture.class.getResourceAsStream("/write-model-revision-1/" + name)) {
            return parse(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, String>> parse(Reader reader) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int c;
        while ((c = reader.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    reader.mark(1);
                    int next = reader.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next == -1) {
                            break;
                        }
                        reader.reset();
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        if (!record.isEmpty() || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), i < r.size() ? r.get(i) : "");
            }
            rows.add(m);
        }
        return rows;
    }
}
