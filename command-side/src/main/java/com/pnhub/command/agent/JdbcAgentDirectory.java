package com.pnhub.command.agent;

import com.pnhub.command.gateway.AgentDirectory;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
public class JdbcAgentDirectory implements AgentDirectory {

    private final JdbcTemplate jdbc;

    public JdbcAgentDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(String userId, String name, String phone) {
        jdbc.update("""
                INSERT INTO agent_lookup (user_id, name, phone) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, agent_lookup.name), phone = EXCLUDED.phone""",
                userId, name, phone);
    }

    @Override
    public Optional<Entry> find(String userId) {
        return jdbc.query("SELECT user_id, name, phone FROM agent_lookup WHERE user_id = ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3)), userId).stream().findFirst();
    }
}
