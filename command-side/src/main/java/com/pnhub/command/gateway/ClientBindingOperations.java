package com.pnhub.command.gateway;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.numbers.BindType;
import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.PhoneNumber;
import com.pnhub.api.values.Platform;
import com.pnhub.api.values.VirtualNumber;
import com.pnhub.api.xb.BindXbCommand;
import com.pnhub.api.xb.ClientBindingContext;
import com.pnhub.api.xb.EndXbBindingCommand;
import com.pnhub.api.xb.ExtendXbBindingCommand;
import com.pnhub.api.xb.XbBindStart;
import com.pnhub.command.blacklist.BlacklistLookup;
import com.pnhub.command.number.CallLedger;
import com.pnhub.command.number.NumberLookup;
import com.pnhub.command.operation.OperationOutcomes;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import com.pnhub.command.xb.ProviderExpiration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Customer (XB) bindings as the entries need them: legacy #5 GetCallNumber binds, MQ108 and the
 * UnBindClientNumber push end them (docs/xb-bindings.md).
 */
@Service
public class ClientBindingOperations {

    private static final Logger log = LoggerFactory.getLogger(ClientBindingOperations.class);
    private static final String SUBSCRIPTION_GONE = "isv.SUBS_NOT_EXIST";
    /** GetCallNumber's expiration when absent or 0. */
    public static final Duration DEFAULT_EXPIRATION = Duration.ofSeconds(120);
    /** One day: longer is not a short-lived customer binding any more. */
    public static final Duration MAX_EXPIRATION = Duration.ofDays(1);

    /** What MIS is answered: the X to call through and the binding's callbackId (xbid). */
    public record ClientBindingAnswer(String number, long callbackId) {
    }

    private final ProviderRegistry providers;
    private final NumberLookup lookup;
    private final NumberRules rules;
    private final CommandDispatcher dispatcher;
    private final OperationOutcomes outcomes;
    private final BlacklistLookup blacklist;
    private final CallLedger ledger;
    private final Duration awaitTimeout;
    private final Clock clock;

    public ClientBindingOperations(ProviderRegistry providers, NumberLookup lookup, NumberRules rules,
                                   CommandDispatcher dispatcher, OperationOutcomes outcomes, BlacklistLookup blacklist,
                                   CallLedger ledger, @Value("${pnhub.operations.await-timeout:15s}") Duration awaitTimeout) {
        this.providers = providers;
        this.lookup = lookup;
        this.rules = rules;
        this.dispatcher = dispatcher;
        this.outcomes = outcomes;
        this.blacklist = blacklist;
        this.ledger = ledger;
        this.awaitTimeout = awaitTimeout;
        this.clock = Clock.systemUTC();
    }

    /**
     * Legacy #5. The agent's bound X reaches B until {@code expiration} from now. The same agent and B again
     * while the binding lives: the same X and callbackId, the expiry moved out if that is later.
     *
     * @param xbid 0: none given, one is made
     */
    public ClientBindingAnswer bindClient(String userId, long xbid, String phoneB, Duration expiration,
                                          ClientBindingContext context, RequestContext ctx) {
        if (!PhoneNumber.isValid(phoneB, rules)) {
            // #5 has answered its B with this wording from the start (docs/xb-bindings.md); kept as it is
            throw new BusinessRuleException(ErrorCode.INVALID_PARAMETER, "Mobile", "必须是有效的手机号或政企号码");
        }
        List<String> candidates = boundCandidates(userId);
        if (candidates.isEmpty()) {
            throw new BusinessRuleException(ErrorCode.XB_NEEDS_BOUND_NUMBER, userId);
        }
        Instant expiresAt = clock.instant().plus(expiration);
        long callbackId = xbid != 0 ? xbid : ledger.nextCallbackId();
        BusinessRuleException last = null;
        for (String x : candidates) {
            NumberLookup.Registration registration = lookup.find(x);
            requireNotBlacklisted(phoneB, registration.platform());
            String operationId = ctx.requestId();
            try {
                return outcomes.expecting(operationId, () -> {
                    XbBindStart start = dispatcher.send(new BindXbCommand(x, operationId, callbackId, userId, phoneB,
                            expiresAt, context, operationId), x, ctx);
                    if (start.existing()) {
                        extend(x, registration, start, expiresAt, ctx);
                        return new ClientBindingAnswer(x, start.callbackId());
                    }
                    outcomes.awaitSuccess(operationId, awaitTimeout, x);
                    return new ClientBindingAnswer(x, callbackId);
                });
            } catch (BusinessRuleException e) {
                if (e.code() != ErrorCode.XB_NEEDS_BOUND_NUMBER) {
                    throw e;
                }
                last = e; // an X of the agent that is not bound now: try the next one
            }
        }
        throw last;
    }

    /** The agent's numbers, the normal one first: a temporary (fault) number is tried too. */
    private List<String> boundCandidates(String userId) {
        List<String> held = new ArrayList<>();
        String normal = lookup.numberHeldBy(userId, BindType.NORMAL);
        if (normal != null) {
            held.add(normal);
        }
        for (String n : lookup.numbersHeldBy(userId)) {
            if (!held.contains(n)) {
                held.add(n);
            }
        }
        return held;
    }

    /**
     * The binding is for calling B: a B that may not be called on that platform is refused. Asked of the command side's
     * own lookup, not of blacklist_view: a blacklisting already answered must refuse the next bind, however far the
     * projection is behind (ADR 0024).
     */
    private void requireNotBlacklisted(String phoneB, Platform platform) {
        if (blacklist.isBlacklisted(platform, phoneB, BlacklistDirection.OUTBOUND)) {
            throw new BusinessRuleException(ErrorCode.XB_CUSTOMER_BLACKLISTED, PhoneMask.number(phoneB), platform.code());
        }
    }

    private void extend(String x, NumberLookup.Registration registration, XbBindStart start, Instant expiresAt,
                        RequestContext ctx) {
        if (start.subsId() == null || !expiresAt.isAfter(start.expiresAt())) {
            return; // still being bound, or it lives longer already
        }
        Platform platform = registration.platform();
        requireDone(providers.forPlatform(platform).extendXb(providers.poolKey(platform, registration.poolId()),
                start.subsId(), x, ProviderExpiration.of(expiresAt, clock.instant())), null);
        dispatcher.send(new ExtendXbBindingCommand(x, start.bindingId(), expiresAt, ctx.requestId()), x, ctx);
    }

    /**
     * MQ108 / UnBindClientNumber: ends a customer binding. One of ours is ended by its ClientBindingSaga (which
     * retries while the provider is unreachable); a subscription we do not know as a customer binding (one the
     * legacy service made) is unbound at the provider right here. Idempotent: a binding already ending or gone
     * at the provider counts as ended. A transient provider failure is PROVIDER_UNAVAILABLE, which the bridge retries.
     *
     * @return the X whose XB binding ended
     */
    public String unbindClient(int platformCode, String telA, String telX, String telB, String subId, RequestContext ctx) {
        VirtualNumber.of("telX", telX, rules);
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
        String bindingId = dispatcher.send(new EndXbBindingCommand(telX, subId, ctx.requestId()), telX, ctx);
        if (bindingId != null) {
            log.info("XB binding {} ({}) of {} is being ended (request {})", bindingId, subId, PhoneMask.number(telX),
                    ctx.requestId());
            return telX;
        }
        Platform platform = x.platform();
        // gone at the provider already counts as ended
        requireDone(providers.forPlatform(platform).unbind(providers.poolKey(platform, x.poolId()), subId, telX),
                SUBSCRIPTION_GONE);
        log.info("subscription {} of {} (not a customer binding of ours) ended at {} (request {})", subId,
                PhoneMask.number(telX), platform, ctx.requestId());
        return telX;
    }

    /** A provider call's failure as the business error the caller sees; a refusal with {@code alsoDone} is no failure. */
    private static void requireDone(ProviderOutcome outcome, String alsoDone) {
        if (outcome instanceof ProviderOutcome.Unavailable u) {
            throw new BusinessRuleException(ErrorCode.PROVIDER_UNAVAILABLE, u.code(), u.message());
        }
        if (outcome instanceof ProviderOutcome.Refused r && !r.code().equals(alsoDone)) {
            throw new BusinessRuleException(ErrorCode.PROVIDER_REFUSED, r.code(), r.message());
        }
    }
}
