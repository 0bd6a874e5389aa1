package com.pnhub.command.blacklist;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.blacklist.NumberBlacklistedEvent;
import com.pnhub.api.blacklist.NumberUnblacklistedEvent;
import com.pnhub.api.numbers.XBlacklistedEvent;
import com.pnhub.api.numbers.XUnblacklistedEvent;
import com.pnhub.api.privacy.PhoneMask;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.Platform;
import com.pnhub.command.number.NumberLookup;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.ProviderOutcome;
import com.pnhub.command.provider.ProviderRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the provider what the blacklist events say, on its own tracking processor (never inside the
 * command's transaction). A B number is pushed to every pool of its platform, an X to its own pool.
 * A transient provider failure throws, so the processor retries the event with backoff until the
 * provider takes it; a refusal is logged and counted (pnhub.blacklist.sync.refused) and not retried.
 */
@Component
@ProcessingGroup(BlacklistProviderSync.PROCESSING_GROUP)
public class BlacklistProviderSync {

    public static final String PROCESSING_GROUP = "blacklist-provider-sync";
    private static final Logger log = LoggerFactory.getLogger(BlacklistProviderSync.class);

    private final ProviderRegistry providers;
    private final NumberLookup lookup;
    private final MeterRegistry meters;

    public BlacklistProviderSync(ProviderRegistry providers, NumberLookup lookup, MeterRegistry meters) {
        this.providers = providers;
        this.lookup = lookup;
        this.meters = meters;
    }

    @EventHandler
    @DisallowReplay
    void on(NumberBlacklistedEvent e) {
        for (Long pool : lookup.poolsOf(e.platform())) {
            push(e.platform(), pool, e.number(), e.direction(), true);
        }
    }

    @EventHandler
    @DisallowReplay
    void on(NumberUnblacklistedEvent e) {
        if (e.otherDirectionRemains()) {
            return;
        }
        for (Long pool : lookup.poolsOf(e.platform())) {
            push(e.platform(), pool, e.number(), e.direction(), false);
        }
    }

    @EventHandler
    @DisallowReplay
    void on(XBlacklistedEvent e) {
        push(e.platform(), e.poolId(), e.number(), e.direction(), true);
    }

    @EventHandler
    @DisallowReplay
    void on(XUnblacklistedEvent e) {
        if (!e.otherDirectionRemains()) {
            push(e.platform(), e.poolId(), e.number(), e.direction(), false);
        }
    }

    private void push(Platform platform, long poolId, String number, BlacklistDirection direction, boolean add) {
        NumberProvider provider = providers.forPlatform(platform);
        String poolKey = providers.poolKey(platform, poolId);
        ProviderOutcome outcome = add ? provider.addBlacklist(poolKey, number, direction)
                : provider.deleteBlacklist(poolKey, number, direction);
        if (outcome instanceof ProviderOutcome.Unavailable u) {
            throw new IllegalStateException("provider " + platform + " unavailable for blacklist "
                    + (add ? "add" : "delete") + ": " + u.code());
        }
        if (outcome instanceof ProviderOutcome.Refused r) {
            meters.counter("pnhub.blacklist.sync.refused", List.of(
                    io.micrometer.core.instrument.Tag.of("platform", platform.name()))).increment();
            log.warn("provider {} refused blacklist {} of {} in pool {}: {} {}", platform, add ? "add" : "delete",
                    PhoneMask.number(number), poolKey, r.code(), r.message());
        }
    }
}
