package com.pnhub.bridge.inbound;

import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.PhoneNumber;
import com.pnhub.api.values.UserId;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.command.gateway.AgentPhoneOperations;
import com.pnhub.command.gateway.RequestContext;
import java.util.List;

/**
 * MQ176 {@code house_exchange1_SaleCallPhoneNumberPool}:
 * {@code {"userId": "…", "newPhone": "13812345678", "oldPhone": "13998765432", "operatorUser:": "…"}} (the
 * contract's key ends in a colon; {@code operatorUser} is accepted too). {@code oldPhone} and the operator may be
 * absent. Idempotent by the operation: the same change twice has one effect.
 */
public class AgentPhoneChangeHandler extends InboundHandler<AgentPhoneChangeHandler.PhoneChange> {

    /** {@code oldPhone} null when the message has none. */
    public record PhoneChange(UserId userId, PhoneNumber newPhone, PhoneNumber oldPhone, String operatorUser) {
    }

    private final AgentPhoneOperations operations;
    private final NumberRules rules;

    public AgentPhoneChangeHandler(AgentPhoneOperations operations, NumberRules rules) {
        this.operations = operations;
        this.rules = rules;
    }

    @Override
    public String queue() {
        return BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL;
    }

    @Override
    public int defaultConcurrency() {
        return 5;
    }

    @Override
    public PhoneChange parse(MessageFields f) {
        // every field read before any is judged: a missing one is reported before a malformed one, as it always was
        String userId = f.requiredText("userId");
        String newPhone = f.requiredText("newPhone");
        String oldPhone = f.optionalText("oldPhone");
        String operator = f.optionalText("operatorUser:");
        String plain = f.optionalText("operatorUser");
        return new PhoneChange(UserId.of("userId", userId), PhoneNumber.of("newPhone", newPhone, rules),
                oldPhone == null ? null : PhoneNumber.of("oldPhone", oldPhone, rules), operator != null ? operator : plain);
    }

    @Override
    protected String operator(PhoneChange m) {
        return m.operatorUser();
    }

    @Override
    protected List<?> apply(PhoneChange m, RequestContext ctx) {
        List<String> moved = operations.changePhone(m.userId(), m.newPhone(), m.oldPhone(), m.operatorUser(), ctx);
        return moved == null ? List.of() : moved;
    }
}
