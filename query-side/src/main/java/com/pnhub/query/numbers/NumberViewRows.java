package com.pnhub.query.numbers;

import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.NumberView;
import com.pnhub.api.values.Platform;
import com.pnhub.query.pool.PoolThresholds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** A number_view row as the API shows it, with its quarantine worked out at the time of the answer. */
public final class NumberViewRows {

    private NumberViewRows() {
    }

    public static NumberView numberView(ResultSet rs, PoolThresholds pool, Instant now) throws SQLException {
        Timestamp freed = rs.getTimestamp("freed_at");
        Instant freeSince = freed == null || rs.getString("user_id") != null ? null : freed.toInstant();
        return new NumberView(rs.getString("number"), Platform.ofCode(rs.getInt("platform")), rs.getLong("pool_id"),
                rs.getLong("region_id"), NumberState.ofCode(rs.getInt("number_state")),
                BindState.valueOf(rs.getString("bind_state")), rs.getString("user_id"), rs.getString("phone_a"),
                rs.getString("subs_id"), rs.getTimestamp("updated_at").toInstant(), freeSince,
                pool.quarantinedUntil(freeSince, now));
    }
}
