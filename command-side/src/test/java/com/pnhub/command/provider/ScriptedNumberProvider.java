package com.pnhub.command.provider;

import com.pnhub.api.numbers.Platform;
import java.util.ArrayList;
import java.util.List;

/** A fake provider of one platform: answers what the test scripted and records every call. */
final class ScriptedNumberProvider implements NumberProvider {

    private final Platform platform;
    private ProviderOutcome next = new ProviderOutcome.Success(null, "req-default");
    private final List<String> calls = new ArrayList<>();

    ScriptedNumberProvider(Platform platform) {
        this.platform = platform;
    }

    /** The outcome of every following call. */
    ScriptedNumberProvider answering(ProviderOutcome outcome) {
        this.next = outcome;
        return this;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public ProviderOutcome bindAx(String poolKey, String x, String phoneA, String outId) {
        calls.add("bindAx " + poolKey + " " + x + " " + phoneA + " " + outId);
        return next;
    }

    @Override
    public ProviderOutcome unbind(String poolKey, String subsId, String x) {
        calls.add("unbind " + poolKey + " " + subsId + " " + x);
        return next;
    }

    @Override
    public ProviderOutcome changeA(String poolKey, String subsId, String x, String newPhoneA) {
        calls.add("changeA " + poolKey + " " + subsId + " " + x + " " + newPhoneA);
        return next;
    }

    List<String> calls() {
        return List.copyOf(calls);
    }
}
