package com.pnhub.command.blacklist;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** blacklist_lookup (V15), in the transaction of the unit of work that calls it. */
@Component
public class JdbcBlacklistLookup implements BlacklistLookup {

    private final JdbcTemplate jdbc;

    public JdbcBlacklistLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Platform platform, String number, BlacklistDirection direction) {
        // the aggregate adds only a direction it does not have; a conflict is a row the V15 backfill already wrote
        jdbc.update("INSERT INTO blacklist_lookup (platform, number, direction) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                platform.code(), number, direction.code());
    }

    @Override
    public void remove(Platform platform, String number, BlacklistDirection direction) {
        jdbc.update("DELETE FROM blacklist_lookup WHERE platform = ? AND number = ? AND direction = ?",
                platform.code(), number, direction.code());
    }

    @Override
    public boolean isBlacklisted(Platform platform, String number, BlacklistDirection direction) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM blacklist_lookup WHERE platform = ? AND number = ? AND direction = ?)",
                Boolean.class, platform.code(), number, direction.code()));
    }
}
