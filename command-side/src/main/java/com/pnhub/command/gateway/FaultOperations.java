package com.pnhub.command.gateway;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.fault.AllocateTemporaryNumberCommand;
import com.pnhub.api.fault.DeclareFaultBindingCommand;
import com.pnhub.api.fault.EndFaultBindingCommand;
import com.pnhub.api.fault.RecoverFaultBindingCommand;
import com.pnhub.api.values.Platform;
import com.pnhub.command.number.NumberLookup;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The legacy fault operations (#11, #12, #13, #17). Each selects numbers by user and/or number (neither:
 * every held number), lets each number's aggregate decide whether it applies, and answers with the
 * numbers it touched; a second call touches none, so each is safe to call twice.
 */
@Service
public class FaultOperations {

    private final CommandDispatcher dispatcher;
    private final NumberLookup lookup;
    private final AgentDirectory agents;

    public FaultOperations(CommandDispatcher dispatcher, NumberLookup lookup, AgentDirectory agents) {
        this.dispatcher = dispatcher;
        this.lookup = lookup;
        this.agents = agents;
    }

    /** #11: live bindings become fault bindings (nothing is sent to the provider). */
    public List<String> declareFaults(String userId, String number, RequestContext ctx) {
        return forEach(userId, number, ctx, (x, op) -> new DeclareFaultBindingCommand(x, userId, op));
    }

    /** #12 (unbindAtProvider false: by state only) and #13 (true: unbind at the provider where subscribed). */
    public List<String> endFaults(String userId, String number, boolean unbindAtProvider, RequestContext ctx) {
        String reason = unbindAtProvider ? "TemporaryUnBindNumberToAli" : "TemporaryUnBindNumber";
        return forEach(userId, number, ctx, (x, op) -> new EndFaultBindingCommand(x, userId, unbindAtProvider, op, reason));
    }

    /**
     * An operator's recovery of a fault binding: pushed to its provider now (a declared one waits for this).
     *
     * @return false when the number has no fault binding
     */
    public boolean recover(String number, RequestContext ctx) {
        return Boolean.TRUE.equals(dispatcher.send(new RecoverFaultBindingCommand(number, ctx.requestId()), number, ctx));
    }

    /** #17: a temporary number of the platform for the agent, as a fault binding. @return the number */
    public String allocateTemporary(String userId, Platform platform, RequestContext ctx) {
        AgentDirectory.Entry agent = agents.find(userId)
                .orElseThrow(() -> new BusinessRuleException(ErrorCode.AGENT_NOT_FOUND, userId));
        if (!agent.hasUsablePhone()) {
            throw new BusinessRuleException(ErrorCode.AGENT_HAS_NO_PHONE, userId);
        }
        return dispatcher.send(new AllocateTemporaryNumberCommand(userId, agent.phone(), platform, ctx.requestId()), null, ctx);
    }

    private interface CommandFor {
        Object build(String number, String operationId);
    }

    private List<String> forEach(String userId, String number, RequestContext ctx, CommandFor command) {
        List<String> candidates = number != null ? List.of(number)
                : userId != null ? lookup.numbersHeldBy(userId) : lookup.allHeldNumbers();
        List<String> touched = new ArrayList<>();
        for (String x : candidates) {
            Boolean changed = dispatcher.send(command.build(x, ctx.requestId() + ":" + x), x, ctx);
            if (Boolean.TRUE.equals(changed)) {
                touched.add(x);
            }
        }
        return touched;
    }
}
