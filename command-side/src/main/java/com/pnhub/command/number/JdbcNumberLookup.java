package com.pnhub.command.number;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.values.Platform;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
public class JdbcNumberLookup implements NumberLookup {

    private final JdbcTemplate jdbc;
    private final Duration quarantine;

    public JdbcNumberLookup(JdbcTemplate jdbc, @Value("${pnhub.pool.quarantine:72h}") Duration quarantine) {
        this.jdbc = jdbc;
        this.quarantine = quarantine;
    }

    @Override
    public void register(String number, Platform platform, long poolId, long regionId) {
        try {
            jdbc.update("INSERT INTO number_lookup (number, platform, pool_id, region_id) VALUES (?, ?, ?, ?)",
                    number, platform.code(), poolId, regionId);
        } catch (DuplicateKeyException e) {
            throw new BusinessRuleException(ErrorCode.NUMBER_ALREADY_REGISTERED, number);
        }
    }

    @Override
    public void assign(String number, String userId, BindType bindType) {
        reserve(number, userId, bindType);
        setHolder(number, userId, bindType);
    }

    @Override
    public void reserve(String number, String userId, BindType bindType) {
        // ON CONFLICT DO NOTHING: a concurrent taker of the same slot waits for our commit, then finds it taken
        int inserted = jdbc.update("INSERT INTO user_slot (user_id, bind_type, number) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                userId, bindType.code(), number);
        if (inserted == 0) {
            String held = jdbc.queryForObject("SELECT number FROM user_slot WHERE user_id = ? AND bind_type = ?",
                    String.class, userId, bindType.code());
            if (!number.equals(held)) {
                throw new BusinessRuleException(bindType == BindType.NORMAL
                        ? ErrorCode.USER_ALREADY_HAS_NUMBER : ErrorCode.USER_ALREADY_HAS_FAULT_BINDING, userId);
            }
        }
    }

    @Override
    public void releaseSlot(String number, String userId, BindType bindType) {
        jdbc.update("DELETE FROM user_slot WHERE user_id = ? AND bind_type = ? AND number = ?", userId, bindType.code(), number);
    }

    @Override
    public void setHolder(String number, String userId, BindType bindType) {
        jdbc.update("UPDATE number_lookup SET holder = ?, bind_type = ? WHERE number = ?", userId, bindType.code(), number);
    }

    @Override
    public String numberHeldBy(String userId, BindType bindType) {
        List<String> rows = jdbc.queryForList("SELECT number FROM user_slot WHERE user_id = ? AND bind_type = ?",
                String.class, userId, bindType.code());
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public List<String> numbersHeldBy(String userId) {
        return jdbc.queryForList("SELECT number FROM number_lookup WHERE holder = ? ORDER BY number", String.class, userId);
    }

    @Override
    public List<String> allHeldNumbers() {
        return jdbc.queryForList("SELECT number FROM number_lookup WHERE holder IS NOT NULL ORDER BY number", String.class);
    }

    @Override
    public List<Long> poolsOf(Platform platform) {
        return jdbc.queryForList("SELECT DISTINCT pool_id FROM number_lookup WHERE platform = ? ORDER BY pool_id",
                Long.class, platform.code());
    }

    @Override
    public Registration find(String number) {
        List<Registration> rows = jdbc.query("SELECT number, platform, pool_id, holder FROM number_lookup WHERE number = ?",
                (rs, i) -> new Registration(rs.getString(1), Platform.ofCode(rs.getInt(2)), rs.getLong(3), rs.getString(4)),
                number);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public void free(String number) {
        jdbc.update("DELETE FROM user_slot WHERE number = ?", number);
        jdbc.update("UPDATE number_lookup SET holder = NULL, bind_type = NULL, freed_at = now() WHERE number = ?", number);
    }

    @Override
    public void changeState(String number, NumberState state) {
        jdbc.update("UPDATE number_lookup SET state = ? WHERE number = ?", state.code(), number);
    }

    /**
     * The number free the longest (never held first), out of quarantine: a number given up less than
     * {@code pnhub.pool.quarantine} ago would put the previous agent's customers through to the next one.
     */
    @Override
    public String lockFreeNumber(Platform platform) {
        List<String> rows = jdbc.queryForList("""
                SELECT number FROM number_lookup
                 WHERE platform = ? AND holder IS NULL AND state = 0
                   AND (freed_at IS NULL OR freed_at <= now() - make_interval(secs => ?))
                 ORDER BY freed_at NULLS FIRST, number LIMIT 1
                 FOR UPDATE SKIP LOCKED""", String.class, platform.code(), quarantine.toMillis() / 1000.0);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
