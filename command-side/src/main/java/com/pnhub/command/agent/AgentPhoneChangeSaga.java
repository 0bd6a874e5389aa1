package com.pnhub.command.agent;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.command.internal.FollowAgentPhoneCommand;
import com.pnhub.command.number.NumberLookup;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * MQ176: when an agent's phone changes, every number the agent holds is asked to follow it; a number
 * bound to the old phone (the one MIS reported, or the one the directory had) moves its A at the
 * provider through {@code ProviderCallSaga}. Runs on its own tracking processor, so a crash after the
 * phone change committed still moves the bindings; a number busy with another provider call makes the
 * command fail and the event is retried later.
 */
public class AgentPhoneChangeSaga {

    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "userId")
    public void on(AgentPhoneChangedEvent e, @MessageIdentifier String eventId, NumberLookup lookup, CommandGateway commands) {
        Set<String> oldPhones = new LinkedHashSet<>();
        if (e.reportedOldPhone() != null) {
            oldPhones.add(e.reportedOldPhone());
        }
        if (e.previousPhone() != null) {
            oldPhones.add(e.previousPhone());
        }
        for (String number : lookup.numbersHeldBy(e.userId())) {
            for (String oldPhone : oldPhones) {
                commands.sendAndWait(new FollowAgentPhoneCommand(number, e.userId(), oldPhone, e.newPhone(),
                        eventId + ":" + number));
            }
        }
    }
}
