package com.pnhub.bridge.inbound;

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

    public record PhoneChange(String userId, String newPhone, String oldPhone, String operatorUser) {
    }

    private final AgentPhoneOperations operations;

    public AgentPhoneChangeHandler(AgentPhoneOperations operations) {
        this.operations = operations;
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
        String userId = f.requiredText("userId");
        String newPhone = f.requiredText("newPhone");
        String oldPhone = f.optionalText("oldPhone");
        String operator = f.optionalText("operatorUser:");
        String plain = f.optionalText("operatorUser");
        return new PhoneChange(userId, newPhone, oldPhone, operator != null ? operator : plain);
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
