package com.pnhub.command.agent;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.agents.ChangeAgentPhoneCommand;
import com.pnhub.api.agents.UpdateAgentProfileCommand;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.command.gateway.AgentDirectory;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** An agent (工号 userid) of the directory: a name and the current phone A, with its history as events. */
@Aggregate
public class Agent {

    @AggregateIdentifier
    private String userId;
    @PersonalData(value = AGENT, keyedBy = "userId")
    private String name;
    @PersonalData(AGENT)
    private String phone;

    protected Agent() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdateAgentProfileCommand cmd, AgentDirectory directory) {
        boolean isNew = userId == null;
        if (!isNew && Objects.equals(name, cmd.name()) && Objects.equals(phone, cmd.phone())) {
            return;
        }
        String previousPhone = !isNew && !Objects.equals(phone, cmd.phone()) ? phone : null;
        directory.save(cmd.userId(), cmd.name(), cmd.phone());
        apply(new AgentProfileUpdatedEvent(cmd.userId(), cmd.name(), cmd.phone(), previousPhone));
    }

    /** MQ176. Idempotent: a phone the agent already has changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeAgentPhoneCommand cmd, AgentDirectory directory) {
        if (Objects.equals(phone, cmd.newPhone())) {
            return;
        }
        boolean matched = cmd.reportedOldPhone() == null || Objects.equals(phone, cmd.reportedOldPhone());
        directory.save(cmd.userId(), name, cmd.newPhone());
        apply(new AgentPhoneChangedEvent(cmd.userId(), phone, cmd.newPhone(), cmd.reportedOldPhone(), matched,
                cmd.operator()));
    }

    @EventSourcingHandler
    void on(AgentPhoneChangedEvent e) {
        userId = e.userId();
        phone = e.newPhone();
    }

    @EventSourcingHandler
    void on(AgentProfileUpdatedEvent e) {
        userId = e.userId();
        name = e.name();
        phone = e.phone();
    }
}
