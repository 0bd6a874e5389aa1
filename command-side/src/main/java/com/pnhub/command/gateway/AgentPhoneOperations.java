package com.pnhub.command.gateway;

import com.pnhub.api.agents.ChangeAgentPhoneCommand;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.rules.NumberRules;
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
    private final NumberRules rules;

    public AgentPhoneOperations(CommandDispatcher dispatcher, NumberLookup lookup, NumberRules rules) {
        this.dispatcher = dispatcher;
        this.lookup = lookup;
        this.rules = rules;
    }

    /** @return the numbers the agent holds, which follow the new phone where they were bound to the old one */
    public List<String> changePhone(String userId, String newPhone, String oldPhone, String operator, RequestContext ctx) {
        if (userId == null || !userId.matches("\\d{1,18}")) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "userId", "必须是整数");
        }
        if (!rules.isReachable(newPhone)) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "newPhone", "不是有效的真实号码");
        }
        if (oldPhone != null && !oldPhone.isEmpty() && !rules.isReachable(oldPhone)) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "oldPhone", "不是有效的真实号码");
        }
        String reportedOld = oldPhone == null || oldPhone.isEmpty() ? null : oldPhone;
        dispatcher.send(new ChangeAgentPhoneCommand(userId, newPhone, reportedOld, operator), null, ctx);
        return lookup.numbersHeldBy(userId);
    }
}
