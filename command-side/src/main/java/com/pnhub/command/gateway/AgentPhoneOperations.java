package com.pnhub.command.gateway;

import com.pnhub.api.agents.ChangeAgentPhoneCommand;
import com.pnhub.api.values.PhoneNumber;
import com.pnhub.api.values.UserId;
import com.pnhub.command.number.NumberLookup;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * MQ176: an agent's phone changed in MIS. Records the change in the agent's history; {@link
 * AgentPhoneChangeSaga} then moves every live AX binding of the agent whose A is the old phone.
 * Idempotent: the same change twice has one effect (the second finds the phone already set).
 */
@Service
public class AgentPhoneOperations {

    private final CommandDispatcher dispatcher;
    private final NumberLookup lookup;

    public AgentPhoneOperations(CommandDispatcher dispatcher, NumberLookup lookup) {
        this.dispatcher = dispatcher;
        this.lookup = lookup;
    }

    /**
     * @param oldPhone the phone MIS says the agent had, or null when it did not say
     * @return the numbers the agent holds, which follow the new phone where they were bound to the old one
     */
    public List<String> changePhone(UserId userId, PhoneNumber newPhone, PhoneNumber oldPhone, String operator,
                                    RequestContext ctx) {
        // the command keeps its strings: the event it leads to is stored JSON (ADR 0026)
        dispatcher.send(new ChangeAgentPhoneCommand(userId.value(), newPhone.value(), oldPhone == null ? null : oldPhone.value(),
                operator), null, ctx);
        return lookup.numbersHeldBy(userId.value());
    }
}
