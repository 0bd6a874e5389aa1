package com.pnhub.bridge.inbound;

import com.pnhub.api.values.UserId;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.command.gateway.BlacklistOperations;
import com.pnhub.command.gateway.RequestContext;
import java.util.List;
import java.util.Locale;

/**
 * MQ173 {@code service_exchange1_SetBlackNumber}:
 * {@code {"platId": 3, "private_number": "13470110001", "action": "add"|"delete", "userid": "74705", "type": 0|1}}.
 * Idempotent by the operation: adding what is listed or deleting what is absent succeeds without effect.
 */
public class SetBlackNumberHandler extends InboundHandler<SetBlackNumberHandler.SetBlackNumber> {

    public record SetBlackNumber(int platId, String number, BlacklistOperations.Action action, String userId, int type) {
    }

    private final BlacklistOperations operations;

    public SetBlackNumberHandler(BlacklistOperations operations) {
        this.operations = operations;
    }

    @Override
    public String queue() {
        return BridgeTopology.MQ173_SET_BLACK_NUMBER;
    }

    @Override
    public int defaultConcurrency() {
        return 10;
    }

    @Override
    public SetBlackNumber parse(MessageFields f) {
        int platId = f.requiredInt("platId");
        String number = f.requiredText("private_number");
        String actionText = f.requiredText("action").toLowerCase(Locale.ROOT);
        BlacklistOperations.Action action;
        if (actionText.equals("add")) {
            action = BlacklistOperations.Action.ADD;
        } else if (actionText.equals("delete")) {
            action = BlacklistOperations.Action.DELETE;
        } else {
            throw MessageFields.invalid("action", "只能是add或delete");
        }
        // the operator recorded on every resulting event: an employee id, as in the legacy API
        String userId = UserId.of("userid", f.requiredText("userid")).value();
        int type = f.requiredInt("type");
        if (type != 0 && type != 1) {
            throw MessageFields.invalid("type", "只能是0(呼出)或1(呼入)");
        }
        return new SetBlackNumber(platId, number, action, userId, type);
    }

    @Override
    protected String operator(SetBlackNumber m) {
        return m.userId();
    }

    @Override
    protected List<?> apply(SetBlackNumber m, RequestContext ctx) {
        BlacklistOperations.Outcome outcome = operations.apply(m.platId(), m.number(), m.action(), m.userId(), m.type(), ctx);
        return List.of(outcome == null || outcome.number() == null ? m.number() : outcome.number());
    }
}
