package com.pnhub.command.gateway;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.BindAxByPlatformCommand;
import com.pnhub.api.numbers.BindAxCommand;
import com.pnhub.api.numbers.ChangeAxPhoneCommand;
import com.pnhub.api.numbers.NumberState;
import com.pnhub.api.numbers.ReleaseNumberCommand;
import com.pnhub.api.numbers.SetNumberStateCommand;
import com.pnhub.api.numbers.TransferNumberCommand;
import com.pnhub.api.numbers.UnbindAxCommand;
import com.pnhub.api.values.Platform;
import com.pnhub.command.number.BindStart;
import com.pnhub.command.number.NumberLookup;
import com.pnhub.command.operation.OperationOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The number use cases as every entry (legacy HTTP, /api/v1, messages) needs them: send the command,
 * wait (bounded) for the provider's outcome, and either return the number or throw the business error
 * the caller must see. When the wait runs out the operation is still under way and will end in a
 * defined state; the caller is told it is pending.
 */
@Service
public class NumberOperations {

    private final CommandDispatcher dispatcher;
    private final OperationOutcomes outcomes;
    private final AgentDirectory agents;
    private final NumberLookup lookup;
    private final Duration awaitTimeout;

    public NumberOperations(CommandDispatcher dispatcher, OperationOutcomes outcomes, AgentDirectory agents,
                            NumberLookup lookup, @Value("${pnhub.operations.await-timeout:15s}") Duration awaitTimeout) {
        this.lookup = lookup;
        this.dispatcher = dispatcher;
        this.outcomes = outcomes;
        this.agents = agents;
        this.awaitTimeout = awaitTimeout;
    }

    /** Legacy #1 (phoneA null: the agent's phone from the directory) and #10 (phoneA given). */
    public String bindAx(String userId, String number, String phoneA, Long regionId, RequestContext ctx) {
        String a = phoneA != null ? phoneA : agentPhone(userId);
        String operationId = ctx.requestId();
        return outcomes.expecting(operationId, () -> {
            BindStart start = dispatcher.send(new BindAxCommand(number, userId, a, regionId, operationId), number, ctx);
            if (start == BindStart.ALREADY_BOUND) {
                return number;
            }
            return awaitSuccess(operationId, number);
        });
    }

    /** Legacy #16: a free number of the platform for the agent. */
    public String bindAxByPlatform(String userId, Platform platform, RequestContext ctx) {
        String a = agentPhone(userId);
        String operationId = ctx.requestId();
        return outcomes.expecting(operationId, () -> {
            String number = dispatcher.send(new BindAxByPlatformCommand(userId, a, platform, operationId), null, ctx);
            return awaitSuccess(operationId, number);
        });
    }

    /** Legacy #2: ends the provider binding, the number stays the agent's. */
    public String unbindAx(String userId, String number, RequestContext ctx) {
        String operationId = ctx.requestId();
        return outcomes.expecting(operationId, () -> {
            dispatcher.send(new UnbindAxCommand(number, userId, operationId), number, ctx);
            return awaitSuccess(operationId, number);
        });
    }

    /** Legacy #8: telA must be the agent's phone in the directory; the binding follows it. */
    public String changeA(String userId, String number, String telA, RequestContext ctx) {
        String registered = agentPhone(userId);
        if (!Objects.equals(registered, telA)) {
            throw new BusinessRuleException(ErrorCode.PHONE_MISMATCH, telA, userId);
        }
        String operationId = ctx.requestId();
        return outcomes.expecting(operationId, () -> {
            Boolean started = dispatcher.send(new ChangeAxPhoneCommand(number, userId, telA, operationId), number, ctx);
            return Boolean.TRUE.equals(started) ? awaitSuccess(operationId, number) : number;
        });
    }

    /** Legacy #6. */
    public void setState(String number, NumberState state, RequestContext ctx) {
        dispatcher.send(new SetNumberStateCommand(number, state), number, ctx);
    }

    /** Legacy #9: ends the binding (at the provider) and the assignment. */
    public String release(String userId, String number, RequestContext ctx) {
        String operationId = ctx.requestId();
        return outcomes.expecting(operationId, () -> {
            Boolean finished = dispatcher.send(new ReleaseNumberCommand(number, userId, operationId), number, ctx);
            if (Boolean.TRUE.equals(finished)) {
                return number;
            }
            return awaitSuccess(operationId, number);
        });
    }

    /**
     * Legacy #4: moves the numbers {@code fromUser} holds (all, or only {@code onlyNumber}) to {@code toUser}.
     * X stays; a bound number's A becomes the new holder's phone at the provider.
     *
     * @return the numbers transferred
     */
    public List<String> transfer(String fromUser, String toUser, String onlyNumber, RequestContext ctx) {
        String toPhone = agentPhone(toUser);
        List<String> numbers = onlyNumber != null ? List.of(onlyNumber) : lookup.numbersHeldBy(fromUser);
        if (numbers.isEmpty()) {
            throw new BusinessRuleException(ErrorCode.NOTHING_TO_TRANSFER, fromUser);
        }
        List<String> transferred = new ArrayList<>();
        for (String number : numbers) {
            String operationId = numbers.size() == 1 ? ctx.requestId() : ctx.requestId() + ":" + number;
            transferred.add(outcomes.expecting(operationId, () -> {
                Boolean started = dispatcher.send(new TransferNumberCommand(number, fromUser, toUser, toPhone, operationId),
                        number, ctx);
                return Boolean.TRUE.equals(started) ? awaitSuccess(operationId, number) : number;
            }));
        }
        return transferred;
    }

    private String agentPhone(String userId) {
        AgentDirectory.Entry agent = agents.find(userId)
                .orElseThrow(() -> new BusinessRuleException(ErrorCode.AGENT_NOT_FOUND, userId));
        if (!agent.hasUsablePhone()) {
            throw new BusinessRuleException(ErrorCode.AGENT_HAS_NO_PHONE, userId);
        }
        return agent.phone();
    }

    private String awaitSuccess(String operationId, String number) {
        outcomes.awaitSuccess(operationId, awaitTimeout, number);
        return number;
    }
}
