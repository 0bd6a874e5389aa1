package com.pnhub.command.blacklist;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;

/**
 * The command side's own answer to "is this B blacklisted": {@link BlacklistedNumber}'s command handlers write it in
 * the unit of work that appends their events, so a blacklisting that was answered is seen by the next command, which
 * blacklist_view (a projection, behind by its lag) cannot promise (ADR 0003, ADR 0024).
 */
public interface BlacklistLookup {

    void add(Platform platform, String number, BlacklistDirection direction);

    void remove(Platform platform, String number, BlacklistDirection direction);

    boolean isBlacklisted(Platform platform, String number, BlacklistDirection direction);
}
