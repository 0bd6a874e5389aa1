package com.pnhub.command.blacklist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.BlacklistNumberCommand;
import com.pnhub.api.blacklist.NumberBlacklistedEvent;
import com.pnhub.api.blacklist.NumberUnblacklistedEvent;
import com.pnhub.api.blacklist.UnblacklistNumberCommand;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer (B) number on one platform's blacklist, in the directions it is blocked. Adding a
 * direction that is there, or removing one that is not, changes nothing (the platform may resend).
 * Each change is also written to {@link BlacklistLookup} in the same unit of work, where a customer binding's check
 * reads it.
 */
@Aggregate
public class BlacklistedNumber {

    @AggregateIdentifier
    private String key;
    private final Set<BlacklistDirection> directions = EnumSet.noneOf(BlacklistDirection.class);

    protected BlacklistedNumber() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(BlacklistNumberCommand cmd, BlacklistLookup lookup) {
        if (directions.contains(cmd.direction())) {
            return false;
        }
        lookup.add(cmd.platform(), cmd.number(), cmd.direction());
        apply(new NumberBlacklistedEvent(cmd.key(), cmd.platform(), cmd.number(), cmd.direction(), cmd.userId()));
        return true;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(UnblacklistNumberCommand cmd, BlacklistLookup lookup) {
        if (!directions.contains(cmd.direction())) {
            // an aggregate created just now for a delete keeps no events: nothing happened
            return false;
        }
        lookup.remove(cmd.platform(), cmd.number(), cmd.direction());
        apply(new NumberUnblacklistedEvent(cmd.key(), cmd.platform(), cmd.number(), cmd.direction(), cmd.userId(),
                directions.size() > 1));
        return true;
    }

    @EventSourcingHandler
    void on(NumberBlacklistedEvent e) {
        key = e.key();
        directions.add(e.direction());
    }

    @EventSourcingHandler
    void on(NumberUnblacklistedEvent e) {
        directions.remove(e.direction());
    }
}
