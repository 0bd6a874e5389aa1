package com.pnhub.command.gateway;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.BlacklistNumberCommand;
import com.pnhub.api.blacklist.BlacklistXCommand;
import com.pnhub.api.blacklist.UnblacklistNumberCommand;
import com.pnhub.api.blacklist.UnblacklistXCommand;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.rules.NumberKind;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.Platform;
import com.pnhub.command.blacklist.BlacklistKey;
import com.pnhub.command.number.NumberLookup;
import org.springframework.stereotype.Service;

/**
 * Legacy #7 / MQ173: puts a number on a platform's blacklist in one direction, or takes it off. The
 * number rules decide what the number is: a real or government number is a customer (B) number, kept
 * by its own aggregate; a virtual number must be one of our pool and is blacklisted on its
 * PrivateNumber. Idempotent: adding what is there or deleting what is absent succeeds without effect.
 * The provider learns the change afterwards ({@link BlacklistProviderSync}).
 */
@Service
public class BlacklistOperations {

    public enum Action {
        ADD,
        DELETE
    }

    /** What the message did, for the answer: kind B or X, and whether anything changed. */
    public record Outcome(String number, String kind, boolean changed) {
    }

    private final CommandDispatcher dispatcher;
    private final NumberRules rules;
    private final NumberLookup lookup;

    public BlacklistOperations(CommandDispatcher dispatcher, NumberRules rules, NumberLookup lookup) {
        this.dispatcher = dispatcher;
        this.rules = rules;
        this.lookup = lookup;
    }

    /**
     * @param platformCode 1, 2 or 3
     * @param direction    0 outbound (呼出), 1 inbound (呼入), dictionary 1535
     * @throws BusinessRuleException for anything definitive (invalid input, a virtual number not ours)
     */
    public Outcome apply(int platformCode, String number, Action action, String userId, int direction, RequestContext ctx) {
        Platform platform = Platform.of("platId", platformCode);
        BlacklistDirection dir;
        try {
            dir = BlacklistDirection.ofCode(direction);
        } catch (IllegalArgumentException e) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "type", "黑名单类型只能是0(呼出),1(呼入)");
        }
        if (action == null) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "action", "只能是add或delete");
        }
        NumberKind kind = rules.classify(number);
        if (kind == NumberKind.VIRTUAL) {
            if (lookup.find(number) == null) {
                throw new BusinessRuleException(ErrorCode.NOT_OUR_NUMBER, number);
            }
            Object command = action == Action.ADD ? new BlacklistXCommand(number, platform, dir, userId)
                    : new UnblacklistXCommand(number, platform, dir, userId);
            dispatcher.send(command, number, ctx);
            return new Outcome(number, "X", true);
        }
        if (kind == NumberKind.REAL || kind == NumberKind.GOVERNMENT) {
            String key = BlacklistKey.of(platformCode, number);
            Object command = action == Action.ADD ? new BlacklistNumberCommand(key, platform, number, dir, userId)
                    : new UnblacklistNumberCommand(key, platform, number, dir, userId);
            Boolean changed = dispatcher.send(command, number, ctx);
            return new Outcome(number, "B", Boolean.TRUE.equals(changed));
        }
        throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "private_number", "不是有效的号码");
    }
}
