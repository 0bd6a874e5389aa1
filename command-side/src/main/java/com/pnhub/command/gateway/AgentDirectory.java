package com.pnhub.command.gateway;

import java.util.Optional;

/**
 * The write side's view of the agent directory, kept in the unit of work that changes an agent, so a
 * bind right after an agent's phone was set sees the new phone.
 */
public interface AgentDirectory {

    void save(String userId, String name, String phone);

    Optional<Entry> find(String userId);

    record Entry(String userId, String name, String phone) {
    }
}
