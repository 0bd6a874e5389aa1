package com.pnhub.command.xb;

import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.Platform;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.command.number.NumberLookup;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import com.pnhub.command.support.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * MQ108 / UnBindClientNumber: ends a customer (XB) binding at the provider by its subscription id.
 * Idempotent: a subscription the provider no longer knows counts as ended. A transient provider failure
 * is PROVIDER_UNAVAILABLE, which the message bridge retries. (The XB binding itself becomes part of the
 * PrivateNumber aggregate with the XB issue; until then this is the provider side only.)
 */
@Service
public class ClientBindingOperations {

    private static final Logger log = LoggerFactory.getLogger(ClientBindingOperations.class);
    private static final String SUBSCRIPTION_GONE = "isv.SUBS_NOT_EXIST";

    private final ProviderRegistry providers;
    private final NumberLookup lookup;
    private final NumberRules rules;

    public ClientBindingOperations(ProviderRegistry providers, NumberLookup lookup, NumberRules rules) {
        this.providers = providers;
        this.lookup = lookup;
        this.rules = rules;
    }

    /** @return the X whose XB binding ended */
    public String unbindClient(int platformCode, String telA, String telX, String telB, String subId, RequestContext ctx) {
        if (!rules.isVirtual(telX)) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "telX", "不是有效的隐私号(虚拟号码)");
        }
        if (subId == null || subId.isBlank() || subId.length() > 64 || !subId.chars().allMatch(Character::isLetterOrDigit)) {
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "subId", "必填,字母或数字");
        }
        NumberLookup.Registration x = lookup.find(telX);
        if (x == null) {
            throw new BusinessRuleException(ErrorCode.NOT_OUR_NUMBER, telX);
        }
        if (x.platform().code() != platformCode) {
            throw new BusinessRuleException(ErrorCode.PLATFORM_MISMATCH, telX, platformCode);
        }
        Platform platform = x.platform();
        ProviderOutcome outcome = providers.forPlatform(platform)
                .unbind(providers.poolKey(platform, x.poolId()), subId, telX);
        if (outcome instanceof ProviderOutcome.Unavailable u) {
            throw new BusinessRuleException(ErrorCode.PROVIDER_UNAVAILABLE, u.code(), u.message());
        }
        if (outcome instanceof ProviderOutcome.Refused r && !SUBSCRIPTION_GONE.equals(r.code())) {
            throw new BusinessRuleException(ErrorCode.PROVIDER_REFUSED, r.code(), r.message());
        }
        log.info("XB binding {} of {} ended at {} (request {})", subId, NumberRules.mask(telX), platform, ctx.requestId());
        return telX;
    }
}
