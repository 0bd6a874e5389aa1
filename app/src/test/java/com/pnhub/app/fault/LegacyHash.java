package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the legacy hash should say for a load's users, by the other read model. */
final class LegacyHash {

    private LegacyHash() {
    }

    /** The users' fields as MIS reads them, one HGET each ({@code hget} of a field; null where there is none). */
    static Map<String, String> read(List<String> users, Function<String, String> hget) {
        Map<String, String> fields = new TreeMap<>();
        for (String user : users) {
            String value = hget.apply(user);
            if (value != null) {
                fields.put(user, value);
            }
        }
        return fields;
    }

    /** The users' fields by number_view: the number each holds, bindType 1 in a fault binding. */
    static Map<String, String> expectedFromNumberView(JdbcTemplate jdbc, List<String> users) {
        Map<String, String> expected = new TreeMap<>();
        for (String user : users) {
            jdbc.query("SELECT number, bind_state FROM number_view WHERE coalesce(tuser_id, user_id) = ?", rs -> {
                expected.put(user, "{\"xNumber\":\"" + rs.getString(1) + "\",\"bindType\":"
                        + ("FAULT".equals(rs.getString(2)) ? 1 : 0) + "}");
            }, user);
        }
        assertThat(expected).as("number_view holds the load's numbers").hasSize(users.size());
        return expected;
    }
}
