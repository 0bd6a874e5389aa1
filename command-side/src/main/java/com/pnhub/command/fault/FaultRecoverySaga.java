package com.pnhub.command.fault;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.ConfirmFaultPushCommand;
import com.pnhub.api.numbers.EndFaultBindingCommand;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.Platform;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.Backoff;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Pushes a fault binding (bind state 5) to its provider once the provider is back. One instance per
 * fault binding, associated by number. Attempts run on a persistent deadline (db-scheduler), so they
 * survive restarts; the wait doubles from {@link #FIRST_RETRY} up to {@link #MAX_RETRY}. An X the
 * provider still has a subscription for (a declared fault) is confirmed by moving that subscription's
 * A to the holder's phone; otherwise the X is bound anew. A definitive refusal ends the fault binding
 * (it would never succeed); the ending is an event in the number's history.
 */
// its state is stored by the jackson3 serializer, which reads fields, not getters
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FaultRecoverySaga {

    private static final Logger log = LoggerFactory.getLogger(FaultRecoverySaga.class);

    static final String PUSH_DEADLINE = "push-fault-binding";
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    // short enough that bindings converge within seconds of the provider's return (while its circuit is
    // open, an attempt costs no network call); measured in OutageUnderLoadIntegrationTest
    static final Duration MAX_RETRY = Duration.ofSeconds(5);
    private static final Backoff BACKOFF = new Backoff(FIRST_RETRY, MAX_RETRY);
    static final String SUBSCRIPTION_GONE = "isv.SUBS_NOT_EXIST";

    private String number;
    private String operationId;
    private String userId;
    private String phoneA;
    private Platform platform;
    private long poolId;
    private String subsId;
    private BindType bindType;
    private int attempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(AxFaultBoundEvent e, DeadlineManager deadlines) {
        number = e.number();
        operationId = e.operationId();
        userId = e.userId();
        phoneA = e.phoneA();
        platform = e.platform();
        poolId = e.poolId();
        subsId = e.subsId();
        bindType = e.bindType();
        attempts = 0;
        deadlines.schedule(FIRST_RETRY, PUSH_DEADLINE, new PushDue(number));
    }

    /** The deadline's payload: Axon matches a deadline handler by its first parameter. */
    public record PushDue(String number) {
    }

    @DeadlineHandler(deadlineName = PUSH_DEADLINE)
    public void push(PushDue due, ProviderRegistry providers, CommandGateway commands, DeadlineManager deadlines) {
        attempts++;
        NumberProvider provider = providers.forPlatform(platform);
        String poolKey = providers.poolKey(platform, poolId);
        ProviderOutcome outcome;
        String newSubsId = subsId;
        if (subsId != null) {
            outcome = provider.changeA(poolKey, subsId, number, phoneA);
            if (outcome instanceof ProviderOutcome.Refused r && SUBSCRIPTION_GONE.equals(r.code())) {
                subsId = null;
            }
        } else {
            outcome = null;
        }
        if (subsId == null) {
            outcome = provider.bindAx(poolKey, number, phoneA, operationId);
            if (outcome instanceof ProviderOutcome.Success s) {
                newSubsId = s.subsId();
            }
        }
        if (outcome instanceof ProviderOutcome.Success) {
            Boolean taken = commands.sendAndWait(new ConfirmFaultPushCommand(number, operationId, newSubsId));
            if (Boolean.FALSE.equals(taken) && subsId == null && newSubsId != null) {
                // the fault binding ended while this push bound X anew: that subscription belongs to nobody
                ProviderOutcome undone = provider.unbind(poolKey, newSubsId, number);
                if (!undone.isSuccess()) {
                    log.warn("stale push of {} left subscription {} at the provider ({}); reconciliation removes it",
                            NumberRules.mask(number), newSubsId, undone.code());
                }
            }
        } else if (outcome instanceof ProviderOutcome.Unavailable) {
            deadlines.schedule(nextWait(attempts), PUSH_DEADLINE, new PushDue(number));
        } else {
            ProviderOutcome.Refused r = (ProviderOutcome.Refused) outcome;
            // a subscription the provider still has is unbound there, so nothing is left behind
            commands.sendAndWait(new EndFaultBindingCommand(number, null, subsId != null, operationId,
                    "provider refused the fault binding: " + r.code()));
        }
    }

    static Duration nextWait(int attempts) {
        return BACKOFF.after(attempts);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(FaultBindingRecoveredEvent e, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(PUSH_DEADLINE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(FaultBindingEndedEvent e, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(PUSH_DEADLINE);
    }

    /** #13 or an unbind of the fault binding: ProviderCallSaga unbinds; no push while that is under way. */
    @SagaEventHandler(associationProperty = "number")
    public void on(AxUnbindRequestedEvent e, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(PUSH_DEADLINE);
    }

    /** The provider refused the unbind: it is a fault binding again, so keep pushing it. */
    @SagaEventHandler(associationProperty = "number")
    public void on(AxUnbindingRejectedEvent e, DeadlineManager deadlines) {
        deadlines.schedule(nextWait(attempts), PUSH_DEADLINE, new PushDue(number));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(AxUnboundEvent e, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(PUSH_DEADLINE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(NumberReleasedEvent e, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(PUSH_DEADLINE);
    }
}
