package com.pnhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.bridge.publish.PublisherMonitor;
import com.pnhub.command.reconciliation.ReconciliationJob;
import com.pnhub.query.numbers.NumberViewProjection;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Nothing reads another side's tables (issue 13, ADR 0024). Every table of the Flyway migrations has one owner; the
 * compiled main classes of command-side, query-side and message-bridge are searched for the names of tables they do
 * not own. ArchUnit sees no SQL, so the strings are read from the class files' constant pools: a text block, a
 * constant folded into a query and an annotation's text are all there, a comment is not (a comment may say that
 * FailoverStartedEvent does not change number_view).
 */
class TableOwnershipTest {

    enum Owner {
        /** Axon's and db-scheduler's own tables, configured by app (AxonStorageConfig, DeadlineConfig). */
        AXON,
        COMMAND_SIDE,
        QUERY_SIDE,
        MESSAGE_BRIDGE,
        APP
    }

    /** The table map of docs/architecture.md ("Who owns which table"). */
    static final Map<String, Owner> OWNERS = Map.ofEntries(
            Map.entry("domain_event_entry", Owner.AXON),
            Map.entry("snapshot_event_entry", Owner.AXON),
            Map.entry("token_entry", Owner.AXON),
            Map.entry("saga_entry", Owner.AXON),
            Map.entry("association_value_entry", Owner.AXON),
            Map.entry("dead_letter_entry", Owner.AXON),
            Map.entry("scheduled_tasks", Owner.AXON),
            Map.entry("number_lookup", Owner.COMMAND_SIDE),
            Map.entry("agent_lookup", Owner.COMMAND_SIDE),
            Map.entry("user_slot", Owner.COMMAND_SIDE),
            Map.entry("blacklist_lookup", Owner.COMMAND_SIDE),
            Map.entry("reconciliation_run", Owner.COMMAND_SIDE),
            Map.entry("reconciliation_finding", Owner.COMMAND_SIDE),
            Map.entry("call_record_ledger", Owner.COMMAND_SIDE),
            Map.entry("call_record_rejected", Owner.COMMAND_SIDE),
            Map.entry("call_number_index", Owner.COMMAND_SIDE),
            Map.entry("number_view", Owner.QUERY_SIDE),
            Map.entry("agent_view", Owner.QUERY_SIDE),
            Map.entry("blacklist_view", Owner.QUERY_SIDE),
            Map.entry("binding_interval", Owner.QUERY_SIDE),
            Map.entry("xb_interval", Owner.QUERY_SIDE),
            Map.entry("pool_count_sample", Owner.QUERY_SIDE),
            Map.entry("dead_letter_action", Owner.MESSAGE_BRIDGE),
            Map.entry("audit_read", Owner.APP),
            Map.entry("personal_data_key", Owner.APP),
            Map.entry("personal_data_index_key", Owner.APP),
            Map.entry("personal_data_erasure", Owner.APP));

    /**
     * Axon tables a module may name besides its own, each for its own rows: the query side reads its processors'
     * tokens (ConsistencyCheck: the TokenStore API would claim the segments), the command side counts its failover
     * sagas (RunningFailovers: the saga store has no query API). The event store's tables are read through Axon's
     * EventStore API only.
     */
    static final Map<Owner, Set<String>> ALSO_ALLOWED = Map.of(
            Owner.COMMAND_SIDE, Set.of("saga_entry"),
            Owner.QUERY_SIDE, Set.of("token_entry"),
            Owner.MESSAGE_BRIDGE, Set.of());

    @Test
    void everyTableOfTheMigrationsHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        Pattern create = Pattern.compile("CREATE TABLE (\\w+)", Pattern.CASE_INSENSITIVE);
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql")) {
            Matcher m = create.matcher(r.getContentAsString(StandardCharsets.UTF_8));
            while (m.find()) {
                created.add(m.group(1).toLowerCase());
            }
        }
        assertThat(created).as("a new table needs an owner here and in docs/architecture.md")
                .containsExactlyInAnyOrderElementsOf(OWNERS.keySet());
    }

    @Test
    void noSideNamesATableItDoesNotOwn() throws Exception {
        Map<String, Set<String>> found = new TreeMap<>();
        found.putAll(foreignTables(Owner.COMMAND_SIDE, classesOf(ReconciliationJob.class, "com/pnhub/command/")));
        found.putAll(foreignTables(Owner.QUERY_SIDE, classesOf(NumberViewProjection.class, "com/pnhub/query/")));
        found.putAll(foreignTables(Owner.MESSAGE_BRIDGE, classesOf(PublisherMonitor.class, "com/pnhub/bridge/")));
        assertThat(found).as("class -> tables of another owner it names").isEmpty();
    }

    /** The search itself: a class that names a table of the query side is found on the command side. */
    @Test
    void aClassThatNamesAnotherSidesTableIsFound() throws IOException {
        try (InputStream in = TableOwnershipTest.class.getResourceAsStream("TableOwnershipTest$ReadsTheView.class")) {
            Map<String, byte[]> classes = Map.of("ReadsTheView", in.readAllBytes());
            assertThat(foreignTables(Owner.COMMAND_SIDE, classes)).containsEntry("ReadsTheView", Set.of("number_view"));
            assertThat(foreignTables(Owner.QUERY_SIDE, classes)).isEmpty();
        }
    }

    @SuppressWarnings("unused")
    private static final class ReadsTheView {
        static final String SQL = """
                SELECT bind_state FROM number_view WHERE number = ?""";
        // an index named after the table is not the table
        String index = "number_view_phone_a_idx";
    }

    private static Map<String, Set<String>> foreignTables(Owner side, Map<String, byte[]> classes) throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            Set<String> named = new TreeSet<>();
            for (String constant : utf8Constants(c.getValue())) {
                OWNERS.forEach((table, owner) -> {
                    if (owner != side && !ALSO_ALLOWED.get(side).contains(table)
                            && Pattern.compile("(?<![A-Za-z0-9_])" + table + "(?![A-Za-z0-9_])").matcher(constant).find()) {
                        named.add(table);
                    }
                });
            }
            if (!named.isEmpty()) {
                found.put(c.getKey(), named);
            }
        }
        return found;
    }

    /** The main classes of the module that holds {@code anchor}: its classes directory or its jar. */
    private static Map<String, byte[]> classesOf(Class<?> anchor, String packagePath) throws IOException, URISyntaxException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> classes = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location.resolve(packagePath))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    classes.put(location.relativize(f).toString(), Files.readAllBytes(f));
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().startsWith(packagePath) && entry.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            classes.put(entry.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        assertThat(classes).as("classes of " + location).isNotEmpty();
        return classes;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS 4.4): string literals among them. */
    static List<String> utf8Constants(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }
}
