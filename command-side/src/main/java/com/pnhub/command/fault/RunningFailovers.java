package com.pnhub.command.fault;

import com.pnhub.api.values.Platform;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many failovers are running away from each platform: {@link FailoverSaga} instances that gave their holder a
 * temporary number and have not ended.
 *
 * <p>Counted in the saga store ({@code saga_entry}) because it is the one source that is true on every instance:
 * a saga runs on whichever instance holds its processor segment, so an in-memory count would show each instance
 * only its share, and the read model keeps no failover state (FailoverStartedEvent does not change
 * {@code number_view}). A saga row exists from the fault binding on, but until its deadline gives a temporary
 * number ({@code temporaryNumber} set) it is a fault binding waiting, not a failover; the row is deleted when the
 * saga ends, i.e. when the temporary number was released. The saga is stored as JSON by Axon's Jackson serializer
 * with its fields ({@code platform}: the platform that failed, by enum name); FailoverSaga pins that with its
 * field-only {@code @JsonAutoDetect}.
 */
@Component
public class RunningFailovers {

    private static final String BY_PLATFORM = """
            SELECT s.state ->> 'platform' AS platform, count(*) AS running
              FROM (SELECT convert_from(serialized_saga, 'UTF8')::jsonb AS state
                      FROM saga_entry WHERE saga_type = ?) s
             WHERE s.state ->> 'temporaryNumber' IS NOT NULL
             GROUP BY 1""";

    private final JdbcTemplate jdbc;

    public RunningFailovers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Running failovers per platform that failed; every platform is present (0 when none). */
    public Map<Platform, Long> byPlatform() {
        Map<Platform, Long> running = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            running.put(p, 0L);
        }
        jdbc.query(BY_PLATFORM, rs -> {
            String name = rs.getString("platform");
            for (Platform p : Platform.values()) {
                if (p.name().equals(name)) {
                    running.put(p, rs.getLong("running"));
                }
            }
        }, FailoverSaga.class.getName());
        return running;
    }
}
