package com.pnhub.command.provider;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake provider of one platform: answers what the test scripted and records every call. Given several
 * outcomes it answers them in turn and keeps repeating the last one. bindAx and changeA can be scripted on
 * their own ({@link #answeringBind}, {@link #answeringChangeA}); a call without its own script answers from
 * the shared one.
 */
public final class ScriptedNumberProvider implements NumberProvider {

    private final Platform platform;
    private List<ProviderOutcome> script = List.of(new ProviderOutcome.Success(null, "req-default"));
    private int answered;
    private final List<String> calls = new ArrayList<>();
    private Script bindScript;
    private Script changeAScript;

    /** Outcomes answered in turn, the last one repeated. */
    private static final class Script {
        private final List<ProviderOutcome> outcomes;
        private int answered;

        Script(ProviderOutcome... outcomes) {
            if (outcomes.length == 0) {
                throw new IllegalArgumentException("script at least one outcome");
            }
            this.outcomes = List.of(outcomes);
        }

        ProviderOutcome next() {
            ProviderOutcome outcome = outcomes.get(Math.min(answered, outcomes.size() - 1));
            answered++;
            return outcome;
        }
    }

    public ScriptedNumberProvider(Platform platform) {
        this.platform = platform;
    }

    /** The outcomes of the following calls, in turn; the last one answers every call after them. */
    public ScriptedNumberProvider answering(ProviderOutcome... outcomes) {
        if (outcomes.length == 0) {
            throw new IllegalArgumentException("script at least one outcome");
        }
        this.script = List.of(outcomes);
        this.answered = 0;
        return this;
    }

    /** The outcomes of the following bindAx calls only, in turn; the last one repeats. */
    public ScriptedNumberProvider answeringBind(ProviderOutcome... outcomes) {
        this.bindScript = new Script(outcomes);
        return this;
    }

    /** The outcomes of the following changeA calls only, in turn; the last one repeats. */
    public ScriptedNumberProvider answeringChangeA(ProviderOutcome... outcomes) {
        this.changeAScript = new Script(outcomes);
        return this;
    }

    private ProviderOutcome next() {
        ProviderOutcome outcome = script.get(Math.min(answered, script.size() - 1));
        answered++;
        return outcome;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public ProviderOutcome bindAx(String poolKey, String x, String phoneA, String outId) {
        calls.add("bindAx " + poolKey + " " + x + " " + phoneA + " " + outId);
        return bindScript != null ? bindScript.next() : next();
    }

    @Override
    public ProviderOutcome unbind(String poolKey, String subsId, String x) {
        calls.add("unbind " + poolKey + " " + subsId + " " + x);
        return next();
    }

    @Override
    public ProviderOutcome changeA(String poolKey, String subsId, String x, String newPhoneA) {
        calls.add("changeA " + poolKey + " " + subsId + " " + x + " " + newPhoneA);
        return changeAScript != null ? changeAScript.next() : next();
    }

    @Override
    public ProviderOutcome addBlacklist(String poolKey, String number, BlacklistDirection direction) {
        calls.add("addBlacklist " + poolKey + " " + number + " " + direction);
        return next();
    }

    @Override
    public ProviderOutcome deleteBlacklist(String poolKey, String number, BlacklistDirection direction) {
        calls.add("deleteBlacklist " + poolKey + " " + number + " " + direction);
        return next();
    }

    @Override
    public ProviderOutcome bindXb(String poolKey, String x, String phoneA, String phoneB, Instant expiresAt, String outId) {
        calls.add("bindXb " + poolKey + " " + x + " " + phoneA + " " + phoneB + " " + expiresAt + " " + outId);
        return bindScript != null ? bindScript.next() : next();
    }

    @Override
    public ProviderOutcome extendXb(String poolKey, String subsId, String x, Instant expiresAt) {
        calls.add("extendXb " + poolKey + " " + subsId + " " + x + " " + expiresAt);
        return next();
    }

    private SubscriptionDetail live;

    /** What the provider reports as the live AXN subscription on its X (querySubsId, querySubscriptionDetail). */
    public ScriptedNumberProvider withLiveSubscription(String subsId, String x, String phoneA) {
        this.live = new SubscriptionDetail(subsId, x, phoneA, null, true, null, null);
        return this;
    }

    @Override
    public ProviderOutcome querySubsId(String poolKey, String x) {
        calls.add("querySubsId " + poolKey + " " + x);
        return live != null && live.x().equals(x) ? new ProviderOutcome.Success(live.subsId(), "req-q")
                : new ProviderOutcome.Refused("isv.SUBS_NOT_EXIST", "none");
    }

    @Override
    public DetailOutcome querySubscriptionDetail(String poolKey, String subsId, String x) {
        calls.add("querySubscriptionDetail " + poolKey + " " + subsId + " " + x);
        return live != null && live.subsId().equals(subsId) ? new DetailOutcome(new ProviderOutcome.Success(subsId, "req-d"), live)
                : new DetailOutcome(new ProviderOutcome.Refused("isv.SUBS_NOT_EXIST", "none"), null);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
