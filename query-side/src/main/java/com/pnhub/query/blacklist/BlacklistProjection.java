package com.pnhub.query.blacklist;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.BlacklistEntryView;
import com.pnhub.api.blacklist.FindBlacklistQuery;
import com.pnhub.api.blacklist.NumberBlacklistedEvent;
import com.pnhub.api.blacklist.NumberUnblacklistedEvent;
import com.pnhub.api.numbers.XBlacklistedEvent;
import com.pnhub.api.numbers.XUnblacklistedEvent;
import com.pnhub.api.values.Platform;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The blacklists as GET /api/v1/blacklist lists them: one row per platform, number and direction. */
@Component
@ProcessingGroup(BlacklistProjection.PROCESSING_GROUP)
public class BlacklistProjection {

    public static final String PROCESSING_GROUP = "blacklist-view";

    private final JdbcTemplate jdbc;

    public BlacklistProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NumberBlacklistedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        add(e.platform(), e.number(), "B", e.direction(), e.userId(), at);
    }

    @EventHandler
    void on(NumberUnblacklistedEvent e) {
        remove(e.platform(), e.number(), e.direction());
    }

    @EventHandler
    void on(XBlacklistedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        add(e.platform(), e.number(), "X", e.direction(), e.userId(), at);
    }

    @EventHandler
    void on(XUnblacklistedEvent e) {
        remove(e.platform(), e.number(), e.direction());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE blacklist_view");
    }

    @QueryHandler
    public List<BlacklistEntryView> handle(FindBlacklistQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM blacklist_view WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.platform() != null) {
            sql.append(" AND platform = ?");
            args.add(q.platform());
        }
        if (q.number() != null) {
            sql.append(" AND number = ?");
            args.add(q.number());
        }
        sql.append(" ORDER BY platform, number, direction LIMIT 1000");
        return jdbc.query(sql.toString(), (rs, i) -> new BlacklistEntryView(rs.getInt("platform"), rs.getString("number"),
                rs.getString("kind"), BlacklistDirection.ofCode(rs.getInt("direction")), rs.getString("user_id"),
                rs.getTimestamp("since").toInstant()), args.toArray());
    }

    private void add(Platform platform, String number, String kind, BlacklistDirection direction, String userId, Instant at) {
        jdbc.update("""
                INSERT INTO blacklist_view (platform, number, kind, direction, user_id, since) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, number, direction) DO NOTHING""",
                platform.code(), number, kind, direction.code(), userId, Timestamp.from(at));
    }

    private void remove(Platform platform, String number, BlacklistDirection direction) {
        jdbc.update("DELETE FROM blacklist_view WHERE platform = ? AND number = ? AND direction = ?",
                platform.code(), number, direction.code());
    }
}
