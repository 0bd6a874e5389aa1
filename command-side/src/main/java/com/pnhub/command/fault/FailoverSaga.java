package com.pnhub.command.fault;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.fault.AllocateTemporaryNumberCommand;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.EndFailoverCommand;
import com.pnhub.command.internal.RecordFailoverCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Automatic failover. A normal fault binding that still waits for its provider after {@link
 * FailoverPolicy#after()} gives its holder a temporary number on another, healthy platform (the #17
 * logic); when the number's own binding is back (or ends), the temporary number is released. Both
 * numbers' histories show every step: FailoverStartedEvent / FailoverEndedEvent on the original, the
 * temporary number's fault binding and release on its own.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FailoverSaga {

    static final String FAILOVER_DEADLINE = "failover-due";

    private String number;
    private String userId;
    @PersonalData(AGENT)
    private String phoneA;
    private Platform platform;
    private String temporaryNumber;

    /** The deadline's payload (Axon matches a deadline handler by its first parameter). */
    public record FailoverDue(String number) {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(AxFaultBoundEvent e, DeadlineManager deadlines, FailoverPolicy policy) {
        if (e.bindType() != BindType.NORMAL || e.cause() == FaultCause.TEMPORARY || !policy.enabled()) {
            SagaLifecycle.end();
            return;
        }
        number = e.number();
        userId = e.userId();
        phoneA = e.phoneA();
        platform = e.platform();
        deadlines.schedule(policy.after(), FAILOVER_DEADLINE, new FailoverDue(number));
    }

    @DeadlineHandler(deadlineName = FAILOVER_DEADLINE)
    public void due(FailoverDue due, CommandGateway commands, DeadlineManager deadlines, FailoverPolicy policy,
                    PlatformHealth health) {
        for (Platform other : Platform.values()) {
            if (other == platform || health.isDown(other)) {
                continue;
            }
            try {
                String temporary = commands.sendAndWait(new AllocateTemporaryNumberCommand(userId, phoneA, other,
                        "failover:" + number));
                temporaryNumber = temporary;
                commands.sendAndWait(new RecordFailoverCommand(number, temporary, other));
                return;
            } catch (BusinessRuleException e) {
                if (e.code() == ErrorCode.USER_ALREADY_HAS_FAULT_BINDING) {
                    return; // the holder already has a temporary number: nothing to add
                }
                // no free number there: try the next platform
            }
        }
        deadlines.schedule(policy.after(), FAILOVER_DEADLINE, new FailoverDue(number));
    }

    @SagaEventHandler(associationProperty = "number")
    public void on(FaultBindingRecoveredEvent e, CommandGateway commands, DeadlineManager deadlines) {
        finish(commands, deadlines);
    }

    @SagaEventHandler(associationProperty = "number")
    public void on(FaultBindingEndedEvent e, CommandGateway commands, DeadlineManager deadlines) {
        finish(commands, deadlines);
    }

    @SagaEventHandler(associationProperty = "number")
    public void on(AxUnbindRequestedEvent e, CommandGateway commands, DeadlineManager deadlines) {
        finish(commands, deadlines);
    }

    @SagaEventHandler(associationProperty = "number")
    public void on(NumberReleasedEvent e, CommandGateway commands, DeadlineManager deadlines) {
        finish(commands, deadlines);
    }

    private void finish(CommandGateway commands, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(FAILOVER_DEADLINE);
        if (temporaryNumber != null) {
            commands.sendAndWait(new ReleaseNumberCommand(temporaryNumber, userId, "failover-end:" + number));
            commands.sendAndWait(new EndFailoverCommand(number, temporaryNumber));
        }
        SagaLifecycle.end();
    }
}
