package com.pnhub.command.agent;

import com.pnhub.command.gateway.AgentDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent directory in memory (an upsert per user, as the SQL version); records every save. */
final class InMemoryAgentDirectory implements AgentDirectory {

    private final Map<String, Entry> entries = new HashMap<>();
    private final List<Entry> saves = new ArrayList<>();

    @Override
    public void save(String userId, String name, String phone) {
        Entry entry = new Entry(userId, name, phone);
        saves.add(entry);
        entries.put(userId, entry);
    }

    @Override
    public Optional<Entry> find(String userId) {
        return Optional.ofNullable(entries.get(userId));
    }

    List<Entry> saves() {
        return List.copyOf(saves);
    }
}
