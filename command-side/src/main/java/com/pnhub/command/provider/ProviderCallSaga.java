package com.pnhub.command.provider;

import com.pnhub.api.numbers.AxBindRequestedEvent;
import com.pnhub.api.numbers.AxPhoneChangeRequestedEvent;
import com.pnhub.api.numbers.AxTransferRequestedEvent;
import com.pnhub.api.numbers.AxUnbindRequestedEvent;
import com.pnhub.api.values.Platform;
import com.pnhub.command.internal.ConfirmAxBindingCommand;
import com.pnhub.command.internal.ConfirmAxPhoneChangeCommand;
import com.pnhub.command.internal.ConfirmAxUnbindingCommand;
import com.pnhub.command.internal.HoldFaultBindingCommand;
import com.pnhub.command.internal.RejectAxBindingCommand;
import com.pnhub.command.internal.RejectAxPhoneChangeCommand;
import com.pnhub.command.internal.RejectAxUnbindingCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Carries one binding change of a number to its provider and reports the outcome back to the
 * aggregate as a confirm or reject command, so the bind state always leaves its transitional state.
 * One saga instance per operation (associated by operationId). A bind the provider could not be reached
 * for becomes a fault binding (bind state 5, pushed later by FaultRecoverySaga); any other transient
 * failure ends the operation as rejected with the provider's code: the caller is told and may retry.
 */
public class ProviderCallSaga {

    /** Aliyun's answer for a subscription it does not know: for an unbind, the goal is already reached. */
    static final String SUBSCRIPTION_GONE = "isv.SUBS_NOT_EXIST";
    /** Aliyun's answer for an X that already has a binding. */
    static final String BIND_CONFLICT = "isv.BIND_CONFLICT";

    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "operationId")
    public void on(AxBindRequestedEvent e, ProviderRegistry providers, CommandGateway commands) {
        NumberProvider provider = providers.forPlatform(e.platform());
        String poolKey = providers.poolKey(e.platform(), e.poolId());
        ProviderOutcome outcome = provider.bindAx(poolKey, e.number(), e.phoneA(), e.operationId());
        String adopted = BIND_CONFLICT.equals(outcome.code()) ? ownSubscription(provider, poolKey, e.number(), e.phoneA()) : null;
        if (outcome instanceof ProviderOutcome.Success s) {
            commands.sendAndWait(new ConfirmAxBindingCommand(e.number(), e.operationId(), s.subsId()));
        } else if (adopted != null) {
            // this very bind made it before a crash (the call ran again after the restart): keep that subscription
            commands.sendAndWait(new ConfirmAxBindingCommand(e.number(), e.operationId(), adopted));
        } else if (outcome instanceof ProviderOutcome.Unavailable u) {
            // the agent keeps the number: a fault binding, pushed when the provider is back (FaultRecoverySaga)
            commands.sendAndWait(new HoldFaultBindingCommand(e.number(), e.operationId(), u.code(), u.message()));
        } else {
            commands.sendAndWait(new RejectAxBindingCommand(e.number(), e.operationId(), outcome.code(), outcome.message(), false));
        }
    }

    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "operationId")
    public void on(AxUnbindRequestedEvent e, ProviderRegistry providers, CommandGateway commands) {
        ProviderOutcome outcome = providers.forPlatform(e.platform())
                .unbind(providers.poolKey(e.platform(), e.poolId()), e.subsId(), e.number());
        if (outcome.isSuccess() || SUBSCRIPTION_GONE.equals(outcome.code())) {
            commands.sendAndWait(new ConfirmAxUnbindingCommand(e.number(), e.operationId()));
        } else {
            commands.sendAndWait(new RejectAxUnbindingCommand(e.number(), e.operationId(), outcome.code(), outcome.message(),
                    outcome.isTransient()));
        }
    }

    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "operationId")
    public void on(AxPhoneChangeRequestedEvent e, ProviderRegistry providers, CommandGateway commands) {
        moveA(e.number(), e.operationId(), e.platform(), e.poolId(), e.subsId(), e.newPhoneA(), providers, commands);
    }

    /** A transfer moves A to the new holder's phone: the same provider call as a change of A. */
    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "operationId")
    public void on(AxTransferRequestedEvent e, ProviderRegistry providers, CommandGateway commands) {
        moveA(e.number(), e.operationId(), e.platform(), e.poolId(), e.subsId(), e.newPhoneA(), providers, commands);
    }

    /** The live AXN subscription on X if it already routes X to this A (ours); null otherwise or when unknown. */
    static String ownSubscription(NumberProvider provider, String poolKey, String x, String phoneA) {
        ProviderOutcome found = provider.querySubsId(poolKey, x);
        if (!(found instanceof ProviderOutcome.Success s) || s.subsId() == null) {
            return null;
        }
        NumberProvider.DetailOutcome detail = provider.querySubscriptionDetail(poolKey, s.subsId(), x);
        if (detail.detail() == null || !detail.detail().active() || !phoneA.equals(detail.detail().phoneA())) {
            return null;
        }
        return s.subsId();
    }

    private static void moveA(String number, String operationId, Platform platform, long poolId, String subsId,
                              String newPhoneA, ProviderRegistry providers, CommandGateway commands) {
        ProviderOutcome outcome = providers.forPlatform(platform)
                .changeA(providers.poolKey(platform, poolId), subsId, number, newPhoneA);
        if (outcome.isSuccess()) {
            commands.sendAndWait(new ConfirmAxPhoneChangeCommand(number, operationId));
        } else {
            commands.sendAndWait(new RejectAxPhoneChangeCommand(number, operationId, outcome.code(), outcome.message(),
                    outcome.isTransient()));
        }
    }
}
