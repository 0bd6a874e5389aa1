package com.pnhub.command.gateway;

import com.pnhub.api.privacy.PersonalData;
import java.util.Optional;

/**
 * The write side's view of the agent directory, kept in the unit of work that changes an agent, so a
 * bind right after an agent's phone was set sees the new phone.
 */
public interface AgentDirectory {

    void save(String userId, String name, String phone);

    Optional<Entry> find(String userId);

    record Entry(String userId, String name, String phone) {

        /** Whether the phone can be an A: given, and not erased (issue 15), which would bind "erased" at the provider. */
        public boolean hasUsablePhone() {
            return phone != null && !phone.isBlank() && !PersonalData.ERASED.equals(phone);
        }
    }
}
