package com.pnhub.command.fault;

import static com.pnhub.api.privacy.PersonalData.Subject.AGENT;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.pnhub.api.fault.EndFaultBindingCommand;
import com.pnhub.api.fault.FaultCause;
import com.pnhub.api.numbers.AxFaultBoundEvent;
import com.pnhub.api.numbers.AxPhoneChangedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.numbers.AxUnbindingRejectedEvent;
import com.pnhub.api.numbers.AxUnboundEvent;
import com.pnhub.api.numbers.BindState;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.numbers.FaultBindingEndedEvent;
import com.pnhub.api.numbers.FaultBindingRecoveredEvent;
import com.pnhub.api.numbers.FaultRecoveryRequestedEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import com.pnhub.api.numbers.NumberTransferredEvent;
import com.pnhub.api.privacy.PersonalData;
import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.ConfirmFaultPushCommand;
import com.pnhub.command.provider.Backoff;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault binding (bind state 5) and its provider, one instance per fault binding, associated by number
 * (docs/faults.md). A fault of the service's own making (the provider was unreachable during the bind, a subscription
 * lost at the provider, a temporary number) is pushed to the provider once it is back; a fault an operator declared
 * (#11) holds until #12 or #13 ends it or a recovery is asked for ({@code FaultRecoveryRequestedEvent}). The push binds
 * X to the holder's phone as the number records it when the push is made: the saga follows the number's changes of A
 * and its transfers, and where the provider still has the subscription (a declared fault) it moves that subscription's
 * A at once. Attempts run on persistent deadlines (db-scheduler), so they survive restarts; the wait doubles from
 * {@link #FIRST_RETRY} up to {@link #MAX_RETRY}. A definitive refusal ends the fault binding (it would never succeed);
 * the ending is an event in the number's history.
 */
// its state is stored by the jackson3 serializer, which reads fields, not getters
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FaultRecoverySaga {

    private static final Logger log = LoggerFactory.getLogger(FaultRecoverySaga.class);

    static final String PUSH_DEADLINE = "push-fault-binding";
    static final String SYNC_A_DEADLINE = "sync-fault-binding-a";
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    // short enough that bindings converge within seconds of the provider's return (while its circuit is
    // open, an attempt costs no network call); measured in OutageUnderLoadIntegrationTest
    static final Duration MAX_RETRY = Duration.ofSeconds(5);
    private static final Backoff BACKOFF = new Backoff(FIRST_RETRY, MAX_RETRY);
    static final String SUBSCRIPTION_GONE = "isv.SUBS_NOT_EXIST";

    private String number;
    private String operationId;
    private String userId;
    @PersonalData(AGENT)
    private String phoneA;
    private Platform platform;
    private long poolId;
    private String subsId;
    private BindType bindType;
    private FaultCause cause;
    private int attempts;
    private int syncAttempts;

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
        cause = e.cause();
        attempts = 0;
        if (recoversByItself()) {
            deadlines.schedule(FIRST_RETRY, PUSH_DEADLINE, new PushDue(number));
        }
    }

    /** A saga stored before faults had causes kept pushing: it still does. */
    private boolean recoversByItself() {
        return cause == null || cause.recoversByItself();
    }

    /** The deadline's payload: Axon matches a deadline handler by its first parameter. */
    public record PushDue(String number) {
    }

    /** The payload of the deadline that moves a subscription's A to the holder's phone. */
    public record SyncDue(String number) {
    }

    /** An operator asked for the push (a declared fault waits for this). */
    @SagaEventHandler(associationProperty = "number")
    public void on(FaultRecoveryRequestedEvent e, DeadlineManager deadlines) {
        if (operationId.equals(e.faultOperationId())) {
            deadlines.cancelAllWithinScope(PUSH_DEADLINE);
            attempts = 0;
            deadlines.schedule(Duration.ZERO, PUSH_DEADLINE, new PushDue(number));
        }
    }

    /** The holder's phone changed (MQ176): a push binds the new one; a subscription still there follows at once. */
    @SagaEventHandler(associationProperty = "number")
    public void on(AxPhoneChangedEvent e, DeadlineManager deadlines) {
        if (e.bindState() == BindState.FAULT) {
            followPhone(e.newPhoneA(), deadlines);
        }
    }

    /** A new holder (#4): its phone is the one a push binds, and a subscription still there follows at once. */
    @SagaEventHandler(associationProperty = "number")
    public void on(NumberTransferredEvent e, DeadlineManager deadlines) {
        if (e.bindState() == BindState.FAULT) {
            userId = e.toUserId();
            followPhone(e.newPhoneA(), deadlines);
        }
    }

    private void followPhone(String newPhone, DeadlineManager deadlines) {
        phoneA = newPhone;
        if (subsId != null) {
            deadlines.cancelAllWithinScope(SYNC_A_DEADLINE);
            syncAttempts = 0;
            deadlines.schedule(Duration.ZERO, SYNC_A_DEADLINE, new SyncDue(number));
        }
    }

    @DeadlineHandler(deadlineName = PUSH_DEADLINE)
    public void push(PushDue due, ProviderRegistry providers, CommandGateway commands, DeadlineManager deadlines) {
        attempts++;
        NumberProvider provider = providers.forPlatform(platform);
        String poolKey = providers.poolKey(platform, poolId);
        String pushedPhone = phoneA;
        ProviderOutcome outcome;
        String newSubsId = subsId;
        if (subsId != null) {
            outcome = provider.changeA(poolKey, subsId, number, pushedPhone);
            if (outcome instanceof ProviderOutcome.Refused r && SUBSCRIPTION_GONE.equals(r.code())) {
                subsId = null;
            }
        } else {
            outcome = null;
        }
        if (subsId == null) {
            outcome = provider.bindAx(poolKey, number, pushedPhone, operationId);
            if (outcome instanceof ProviderOutcome.Success s) {
                newSubsId = s.subsId();
            }
        }
        if (outcome instanceof ProviderOutcome.Success) {
            Boolean taken = commands.sendAndWait(new ConfirmFaultPushCommand(number, operationId, newSubsId, pushedPhone));
            if (Boolean.FALSE.equals(taken) && subsId == null && newSubsId != null) {
                // the fault binding ended while this push bound X anew: that subscription belongs to nobody
                ProviderOutcome undone = provider.unbind(poolKey, newSubsId, number);
                if (!undone.isSuccess()) {
                    log.warn("stale push of {} left subscription {} at the provider ({}); reconciliation removes it",
                            PhoneMask.number(number), newSubsId, undone.code());
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

    /** Moves the subscription the provider still has for this fault binding to the holder's phone. */
    @DeadlineHandler(deadlineName = SYNC_A_DEADLINE)
    public void syncA(SyncDue due, ProviderRegistry providers, DeadlineManager deadlines) {
        if (subsId == null) {
            return;
        }
        syncAttempts++;
        ProviderOutcome outcome = providers.forPlatform(platform).changeA(providers.poolKey(platform, poolId), subsId, number,
                phoneA);
        if (outcome instanceof ProviderOutcome.Unavailable) {
            deadlines.schedule(nextWait(syncAttempts), SYNC_A_DEADLINE, new SyncDue(number));
        } else if (outcome instanceof ProviderOutcome.Refused r) {
            if (SUBSCRIPTION_GONE.equals(r.code())) {
                // nothing routes X any more: the push (when it comes) binds it anew with this phone
                subsId = null;
            } else {
                log.warn("the provider refused to move the A of fault binding {} ({}); its push will", PhoneMask.number(number),
                        r.code());
            }
        }
    }

    static Duration nextWait(int attempts) {
        return BACKOFF.after(attempts);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(FaultBindingRecoveredEvent e, DeadlineManager deadlines) {
        cancelAll(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(FaultBindingEndedEvent e, DeadlineManager deadlines) {
        cancelAll(deadlines);
    }

    /** #13 or an unbind of the fault binding: ProviderCallSaga unbinds; no push while that is under way. */
    @SagaEventHandler(associationProperty = "number")
    public void on(AxUnbindRequestedEvent e, DeadlineManager deadlines) {
        cancelAll(deadlines);
    }

    /** The provider refused the unbind: a fault binding again, pushed again if it recovers by itself. */
    @SagaEventHandler(associationProperty = "number")
    public void on(AxUnbindingRejectedEvent e, DeadlineManager deadlines) {
        if (e.bindState() == BindState.FAULT && recoversByItself()) {
            deadlines.schedule(nextWait(attempts), PUSH_DEADLINE, new PushDue(number));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(AxUnboundEvent e, DeadlineManager deadlines) {
        cancelAll(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "number")
    public void on(NumberReleasedEvent e, DeadlineManager deadlines) {
        cancelAll(deadlines);
    }

    private static void cancelAll(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(PUSH_DEADLINE);
        deadlines.cancelAllWithinScope(SYNC_A_DEADLINE);
    }
}
