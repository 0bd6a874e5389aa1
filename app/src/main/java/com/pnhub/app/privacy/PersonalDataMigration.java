package com.pnhub.app.privacy;

import com.pnhub.api.privacy.PersonalData;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one-off job for events stored before issue 15 (or with encryption off): every personal field still in clear in
 * the event store, the snapshots, the sagas and the dead letters is encrypted where it lies (ADR 0027 says why in
 * place and not into new streams). The event is the same event afterwards, only its stored form changed, so it runs
 * while the service does: readers see either form and read both. Idempotent and resumable: a field already
 * encrypted is left alone, and a run that stopped is simply started again.
 * <p>
 * The fields are found by name, from the {@link PersonalData} members of the payload's class and the classes it holds
 * (records, sealed subtypes, collection elements): an older revision of an event that named a field differently would
 * keep it in clear, and none did (the upcasters add fields, they rename none).
 */
public class PersonalDataMigration {

    /** What one table's pass did. */
    public record TablePass(String table, long scanned, long rewritten, long fieldsEncrypted) {
    }

    private record Table(String name, String key, String type, String payload) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("domain_event_entry", "global_index", "payload_type", "payload"),
            new Table("snapshot_event_entry", "aggregate_identifier || ':' || sequence_number", "payload_type", "payload"),
            new Table("saga_entry", "saga_id", "saga_type", "serialized_saga"),
            new Table("dead_letter_entry", "dead_letter_id", "payload_type", "payload"));
    private static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(PersonalDataMigration.class);

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Map<String, PersonalData>> fieldsOfType = new ConcurrentHashMap<>();

    public PersonalDataMigration(JdbcTemplate jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public List<TablePass> run() {
        return TABLES.stream().map(this::migrate).toList();
    }

    private TablePass migrate(Table table) {
        long scanned = 0;
        long rewritten = 0;
        long encrypted = 0;
        String after = null;
        while (true) {
            String where = after == null ? "" : " WHERE (" + table.key() + ")::text > ?";
            Object[] args = after == null ? new Object[0] : new Object[] {after};
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT (" + table.key() + ")::text AS k, " + table.type()
                    + " AS t, " + table.payload() + " AS p FROM " + table.name() + where + " ORDER BY 1 LIMIT " + PAGE, args);
            if (rows.isEmpty()) {
                break;
            }
            for (Map<String, Object> row : rows) {
                scanned++;
                after = (String) row.get("k");
                Map<String, PersonalData> fields = fieldsOf((String) row.get("t"));
                if (fields.isEmpty() || row.get("p") == null) {
                    continue;
                }
                JsonNode payload;
                try {
                    payload = json.readTree((byte[]) row.get("p"));
                } catch (RuntimeException notJson) {
                    continue;
                }
                int changed = encrypt(payload, fields);
                if (changed > 0) {
                    jdbc.update("UPDATE " + table.name() + " SET " + table.payload() + " = ? WHERE (" + table.key()
                            + ")::text = ?", json.writeValueAsBytes(payload), after);
                    rewritten++;
                    encrypted += changed;
                }
            }
        }
        log.info("personal-data migration: {} rows of {} read, {} rewritten, {} fields encrypted", scanned, table.name(),
                rewritten, encrypted);
        return new TablePass(table.name(), scanned, rewritten, encrypted);
    }

    /** Encrypts every clear string under a personal field's name, at any depth; the number of fields encrypted. */
    private int encrypt(JsonNode node, Map<String, PersonalData> fields) {
        int changed = 0;
        if (node instanceof ObjectNode object) {
            for (String name : new HashSet<>(object.propertyNames())) {
                JsonNode value = object.get(name);
                PersonalData personal = fields.get(name);
                if (personal != null && value.isString() && !PersonalDataCipher.isEncrypted(value.asString())
                        && !value.asString().isEmpty() && !PersonalData.ERASED.equals(value.asString())) {
                    String keyName = value.asString();
                    if (!personal.keyedBy().isEmpty()) {
                        JsonNode owner = object.get(personal.keyedBy());
                        if (owner == null || owner.isNull()) {
                            continue;
                        }
                        keyName = PersonalData.Subject.ownerKey(personal.keyedBy(), owner.asString());
                    }
                    String sealed = cipher.encrypt(personal.value(), value.asString(), keyName);
                    if (!sealed.equals(value.asString())) {
                        object.put(name, sealed);
                        changed++;
                    }
                } else {
                    changed += encrypt(value, fields);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                changed += encrypt(element, fields);
            }
        }
        return changed;
    }

    private Map<String, PersonalData> fieldsOf(String typeName) {
        if (typeName == null) {
            return Map.of();
        }
        return fieldsOfType.computeIfAbsent(typeName, name -> {
            Map<String, PersonalData> fields = new HashMap<>();
            Set<String> plain = new HashSet<>();
            try {
                collect(Class.forName(name, false, getClass().getClassLoader()), fields, plain, new HashSet<>());
            } catch (ClassNotFoundException | LinkageError unknown) {
                // a type this build does not know (Axon's own, a removed event): nothing personal to find
            }
            // a name that is personal in one class and not in another it holds cannot be told apart by name: left alone
            plain.stream().filter(fields::containsKey).forEach(ambiguous -> {
                log.warn("personal-data migration: field {} of {} is personal in one class and not in another; left in clear",
                        ambiguous, name);
                fields.remove(ambiguous);
            });
            return Map.copyOf(fields);
        });
    }

    private static void collect(Class<?> type, Map<String, PersonalData> fields, Set<String> plain, Set<Class<?>> seen) {
        if (type == null || !type.getName().startsWith("com.pnhub.") || !seen.add(type)) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                note(component.getName(), component.getAnnotation(PersonalData.class), component.getGenericType(), fields,
                        plain, seen);
            }
        }
        for (Class<?> c = type; c != null && c.getName().startsWith("com.pnhub."); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    note(field.getName(), field.getAnnotation(PersonalData.class), field.getGenericType(), fields, plain,
                            seen);
                }
            }
        }
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(permitted, fields, plain, seen);
            }
        }
    }

    private static void note(String name, PersonalData personal, Type type, Map<String, PersonalData> fields,
                             Set<String> plain, Set<Class<?>> seen) {
        if (personal != null) {
            fields.put(name, personal);
            return;
        }
        if (type == String.class) {
            plain.add(name);
        }
        collectType(type, fields, plain, seen);
    }

    private static void collectType(Type type, Map<String, PersonalData> fields, Set<String> plain, Set<Class<?>> seen) {
        if (type instanceof Class<?> c) {
            collect(c.isArray() ? c.getComponentType() : c, fields, plain, seen);
        } else if (type instanceof ParameterizedType p) {
            collectType(p.getRawType(), fields, plain, seen);
            for (Type argument : p.getActualTypeArguments()) {
                collectType(argument, fields, plain, seen);
            }
        }
    }
}
