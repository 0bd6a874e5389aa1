package com.pnhub.command.provider.resilience;

import com.pnhub.api.blacklist.BlacklistDirection;
import com.pnhub.api.values.Platform;
import com.pnhub.command.provider.NumberProvider;
import com.pnhub.command.provider.ProviderOutcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider answering from a script per call: queued answers first, then the standing answer. */
final class FakeProvider implements NumberProvider {

    enum Call { BIND_AX, UNBIND, CHANGE_A, ADD_BLACKLIST, DELETE_BLACKLIST }

    static final ProviderOutcome OK = new ProviderOutcome.Success("subs-1", "req-1");
    static final ProviderOutcome DOWN = new ProviderOutcome.Unavailable("SDK.ServerUnreachable", "connection refused");
    static final ProviderOutcome CONFLICT = new ProviderOutcome.Refused("isv.BIND_CONFLICT", "X already bound");

    private final Platform platform;
    private final Map<Call, Deque<ProviderOutcome>> queued = new EnumMap<>(Call.class);
    private final Map<Call, AtomicInteger> calls = new EnumMap<>(Call.class);
    private volatile ProviderOutcome standing = OK;
    private volatile RuntimeException toThrow;

    FakeProvider(Platform platform) {
        this.platform = platform;
        for (Call c : Call.values()) {
            queued.put(c, new ArrayDeque<>());
            calls.put(c, new AtomicInteger());
        }
    }

    /** Every call without a queued answer answers this. */
    FakeProvider answer(ProviderOutcome outcome) {
        this.standing = outcome;
        return this;
    }

    /** The next calls of {@code call} answer these, in order. */
    synchronized FakeProvider then(Call call, ProviderOutcome... outcomes) {
        for (ProviderOutcome o : outcomes) {
            queued.get(call).addLast(o);
        }
        return this;
    }

    FakeProvider throwing(RuntimeException e) {
        this.toThrow = e;
        return this;
    }

    int calls(Call call) {
        return calls.get(call).get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private synchronized ProviderOutcome next(Call call) {
        calls.get(call).incrementAndGet();
        if (toThrow != null) {
            throw toThrow;
        }
        ProviderOutcome o = queued.get(call).pollFirst();
        return o != null ? o : standing;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public ProviderOutcome bindAx(String poolKey, String x, String phoneA, String outId) {
        return next(Call.BIND_AX);
    }

    @Override
    public ProviderOutcome unbind(String poolKey, String subsId, String x) {
        return next(Call.UNBIND);
    }

    @Override
    public ProviderOutcome changeA(String poolKey, String subsId, String x, String newPhoneA) {
        return next(Call.CHANGE_A);
    }

    @Override
    public ProviderOutcome addBlacklist(String poolKey, String number, BlacklistDirection direction) {
        return next(Call.ADD_BLACKLIST);
    }

    @Override
    public ProviderOutcome deleteBlacklist(String poolKey, String number, BlacklistDirection direction) {
        return next(Call.DELETE_BLACKLIST);
    }
}
