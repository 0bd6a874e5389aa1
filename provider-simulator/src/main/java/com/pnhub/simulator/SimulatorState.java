package com.pnhub.simulator;

import com.pnhub.api.privacy.PhoneMask;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The in-memory PNP account: pools, bindings and blacklist. Every public method takes the instance lock, so
 * the state is consistent under concurrent requests. Business outcomes are answered as {@link RpcResult}s.
 */
final class SimulatorState {

    static final String INVALID_PARAMETERS = "isv.INVALID_PARAMETERS";
    static final String NO_AVAILABLE_NUMBER = "isv.NO_AVAILABLE_NUMBER";
    static final String BIND_CONFLICT = "isv.BIND_CONFLICT";
    static final String SUBS_NOT_EXIST = "isv.SUBS_NOT_EXIST";
    /** Simulator's choice: AddSecretBlacklist for a number already on the pool's blacklist. */
    static final String BLACKLIST_EXISTS = "isv.BLACKLIST_EXISTS";
    /** Simulator's choice: DeleteSecretBlacklist for a number not on the pool's blacklist. */
    static final String BLACKLIST_NOT_EXIST = "isv.BLACKLIST_NOT_EXIST";

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern PHONE = Pattern.compile("[0-9]{5,20}");
    private static final long MIN_EXPIRATION_LEAD_SECONDS = 60;

    private final ZoneId zone;
    private final Map<String, Set<String>> pools = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, BlacklistEntry> blacklist = new LinkedHashMap<>();
    // monotonic across reset() so ids never repeat within one simulator's life
    private final AtomicLong subsSeq = new AtomicLong(1_000_000_000_000_000L);
    private Runnable onChange = () -> { };

    SimulatorState(ZoneId zone) {
        this.zone = zone;
    }

    /** Called (under the lock) after every change of pools, bindings or blacklist; must only signal, never block. */
    synchronized void onChange(Runnable listener) {
        this.onChange = listener;
    }

    private void changed() {
        onChange.run();
    }

    /** Everything a restarted simulator needs to answer as this one would, read at one instant. */
    record Snapshot(long lastSubsId, Map<String, List<String>> pools, List<Subscription> subscriptions,
                    List<BlacklistEntry> blacklist) {
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(subsSeq.get(), pools(), List.copyOf(subscriptions.values()), List.copyOf(blacklist.values()));
    }

    /** Replaces the whole state; the id sequence only moves forward, so no id of the snapshot is handed out again. */
    synchronized void restore(Snapshot snapshot) {
        pools.clear();
        snapshot.pools().forEach((k, v) -> pools.put(k, new LinkedHashSet<>(v)));
        subscriptions.clear();
        snapshot.subscriptions().forEach(s -> subscriptions.put(s.subsId(), s));
        blacklist.clear();
        snapshot.blacklist().forEach(b -> blacklist.put(b.poolKey() + '|' + b.blackNo(), b));
        subsSeq.accumulateAndGet(snapshot.lastSubsId(), Math::max);
    }

    LocalDateTime now() {
        return LocalDateTime.now(zone);
    }

    // ------------------------------------------------------------------ admin / Java API

    synchronized void addNumbers(String poolKey, Collection<String> numbers) {
        if (poolKey == null || poolKey.isBlank()) {
            throw new IllegalArgumentException("poolKey must not be blank");
        }
        Set<String> owned = pools.computeIfAbsent(poolKey, k -> new LinkedHashSet<>());
        boolean added = false;
        for (String n : numbers) {
            if (n == null || !PHONE.matcher(n).matches()) {
                throw new IllegalArgumentException("not a phone number: " + PhoneMask.number(n));
            }
            if (owned.add(n)) {
                added = true;
            }
        }
        if (added) {
            changed();
        }
    }

    synchronized Map<String, List<String>> pools() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        pools.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    synchronized List<Subscription> liveSubscriptions() {
        LocalDateTime now = now();
        return subscriptions.values().stream().filter(s -> s.live(now)).toList();
    }

    synchronized List<Subscription> allSubscriptions() {
        return List.copyOf(subscriptions.values());
    }

    synchronized Optional<Subscription> subscription(String subsId) {
        return Optional.ofNullable(subscriptions.get(subsId));
    }

    synchronized List<BlacklistEntry> blacklist() {
        return List.copyOf(blacklist.values());
    }

    synchronized void reset(boolean alsoPools) {
        subscriptions.clear();
        blacklist.clear();
        if (alsoPools) {
            pools.clear();
        }
        changed();
    }

    // ------------------------------------------------------------------ actions

    synchronized RpcResult bindAxn(Map<String, String> p) {
        Params in = new Params(p);
        String pool = in.required("PoolKey");
        String a = in.phone("PhoneNoA", true);
        String b = in.phone("PhoneNoB", false);
        String x = in.phone("PhoneNoX", false);
        LocalDateTime expiration = in.expiration(true);
        if (in.error != null) {
            return in.error;
        }
        Set<String> owned = pools.get(pool);
        if (owned == null || owned.isEmpty()) {
            return RpcResult.error(NO_AVAILABLE_NUMBER, "No number available in pool " + pool);
        }
        LocalDateTime now = now();
        if (x != null) {
            if (!owned.contains(x)) {
                return RpcResult.error(NO_AVAILABLE_NUMBER, "PhoneNoX is not a number of pool " + pool);
            }
            if (liveOn(x, now).anyMatch(s -> s.type() == Subscription.Type.AXN)) {
                return RpcResult.error(BIND_CONFLICT, "PhoneNoX already has an AXN binding");
            }
        } else {
            x = owned.stream().filter(n -> liveOn(n, now).findAny().isEmpty()).findFirst().orElse(null);
            if (x == null) {
                return RpcResult.error(NO_AVAILABLE_NUMBER, "No free number in pool " + pool);
            }
        }
        Subscription s = new Subscription(nextSubsId(), pool, Subscription.Type.AXN, x, a, b, expiration,
                p.get("OutId"), now, true);
        subscriptions.put(s.subsId(), s);
        changed();
        return RpcResult.ok("SecretBindDTO", secretBindDto(s));
    }

    synchronized RpcResult bindAxb(Map<String, String> p) {
        Params in = new Params(p);
        String pool = in.required("PoolKey");
        String a = in.phone("PhoneNoA", true);
        String b = in.phone("PhoneNoB", true);
        String x = in.phone("PhoneNoX", false);
        LocalDateTime expiration = in.expiration(true);
        if (in.error != null) {
            return in.error;
        }
        if (a.equals(b)) {
            return RpcResult.error(INVALID_PARAMETERS, "PhoneNoA and PhoneNoB must differ");
        }
        Set<String> owned = pools.get(pool);
        if (owned == null || owned.isEmpty()) {
            return RpcResult.error(NO_AVAILABLE_NUMBER, "No number available in pool " + pool);
        }
        LocalDateTime now = now();
        if (x != null) {
            if (!owned.contains(x)) {
                return RpcResult.error(NO_AVAILABLE_NUMBER, "PhoneNoX is not a number of pool " + pool);
            }
            String conflict = axbConflict(x, a, b, null, now);
            if (conflict != null) {
                return RpcResult.error(BIND_CONFLICT, conflict);
            }
        } else {
            x = owned.stream().filter(n -> axbConflict(n, a, b, null, now) == null).findFirst().orElse(null);
            if (x == null) {
                return RpcResult.error(NO_AVAILABLE_NUMBER, "No free number in pool " + pool + " for this pair");
            }
        }
        Subscription s = new Subscription(nextSubsId(), pool, Subscription.Type.AXB, x, a, b, expiration,
                p.get("OutId"), now, true);
        subscriptions.put(s.subsId(), s);
        changed();
        return RpcResult.ok("SecretBindDTO", secretBindDto(s));
    }

    synchronized RpcResult unbind(Map<String, String> p) {
        Params in = new Params(p);
        String pool = in.required("PoolKey");
        String subsId = in.required("SubsId");
        String x = in.phone("SecretNo", true);
        if (in.error != null) {
            return in.error;
        }
        Subscription s = findLive(pool, subsId, x);
        if (s == null) {
            return RpcResult.error(SUBS_NOT_EXIST, "Subscription does not exist");
        }
        subscriptions.put(subsId, s.ended());
        changed();
        return RpcResult.ok();
    }

    synchronized RpcResult update(Map<String, String> p) {
        Params in = new Params(p);
        String pool = in.required("PoolKey");
        String subsId = in.required("SubsId");
        String x = in.phone("PhoneNoX", true);
        String op = in.required("OperateType");
        if (in.error != null) {
            return in.error;
        }
        Subscription s = findLive(pool, subsId, x);
        if (s == null) {
            return RpcResult.error(SUBS_NOT_EXIST, "Subscription does not exist");
        }
        LocalDateTime now = now();
        Subscription updated;
        switch (op) {
            case "updateNoA" -> {
                String a = in.phone("PhoneNoA", true);
                if (in.error != null) {
                    return in.error;
                }
                RpcResult refused = refuseAxbParty(s, x, a, null, subsId, now);
                if (refused != null) {
                    return refused;
                }
                updated = s.withA(a);
            }
            case "updateNoB" -> {
                String b = in.phone("PhoneNoB", true);
                if (in.error != null) {
                    return in.error;
                }
                RpcResult refused = refuseAxbParty(s, x, null, b, subsId, now);
                if (refused != null) {
                    return refused;
                }
                updated = s.withB(b);
            }
            case "updateExpire" -> {
                LocalDateTime expiration = in.expiration(true);
                if (in.error != null) {
                    return in.error;
                }
                updated = s.withExpiration(expiration);
            }
            case "updateOutId" -> updated = s.withOutId(p.get("OutId"));
            default -> {
                return RpcResult.error(INVALID_PARAMETERS, "OperateType not supported: " + op
                        + " (simulator supports updateNoA, updateNoB, updateExpire, updateOutId)");
            }
        }
        subscriptions.put(subsId, updated);
        changed();
        return RpcResult.ok();
    }

    synchronized RpcResult querySubscriptionDetail(Map<String, String> p) {
        Params in = new Params(p);
        String pool = in.required("PoolKey");
        String subsId = in.required("SubsId");
        String x = in.phone("PhoneNoX", true);
        if (in.error != null) {
            return in.error;
        }
        Subscription s = subscriptions.get(subsId);
        if (s == null || !s.poolKey().equals(pool) || !s.x().equals(x)) {
            return RpcResult.error(SUBS_NOT_EXIST, "Subscription does not exist");
        }
        Map<String, Object> dto = new LinkedHashMap<>();
        dto.put("SubsId", s.subsId());
        dto.put("PhoneNoA", s.a());
        if (s.b() != null) {
            dto.put("PhoneNoB", s.b());
        }
        dto.put("PhoneNoX", s.x());
        dto.put("GmtCreate", TIME.format(s.createdAt()));
        dto.put("ExpireDate", TIME.format(s.expiration()));
        dto.put("NeedRecord", false);
        dto.put("Status", s.live(now()) ? 1 : 0);
        dto.put("ASRStatus", false);
        return RpcResult.ok("SecretBindDetailDTO", dto);
    }

    synchronized RpcResult querySubsId(Map<String, String> p) {
        Params in = new Params(p);
        String pool = in.required("PoolKey");
        String x = in.phone("PhoneNoX", true);
        if (in.error != null) {
            return in.error;
        }
        LocalDateTime now = now();
        return subscriptions.values().stream()
                .filter(s -> s.live(now) && s.poolKey().equals(pool) && s.x().equals(x)
                        && s.type() == Subscription.Type.AXN)
                .findFirst()
                .map(s -> RpcResult.ok("SubsId", s.subsId()))
                .orElseGet(() -> RpcResult.error(SUBS_NOT_EXIST, "No AXN subscription on this PhoneNoX"));
    }

    /** For an AXB subscription, why moving one party (newA or newB, the other null) is refused; null when it is not. */
    private RpcResult refuseAxbParty(Subscription s, String x, String newA, String newB, String subsId, LocalDateTime now) {
        if (s.type() != Subscription.Type.AXB) {
            return null;
        }
        String moved = newA != null ? newA : newB;
        String other = newA != null ? s.b() : s.a();
        if (moved.equals(other)) {
            return RpcResult.error(INVALID_PARAMETERS, "PhoneNoA and PhoneNoB must differ");
        }
        String conflict = axbConflict(x, newA, newB, subsId, now);
        return conflict == null ? null : RpcResult.error(BIND_CONFLICT, conflict);
    }

    synchronized RpcResult addBlacklist(Map<String, String> p) {
        Params in = new Params(p);
        String pool = in.required("PoolKey");
        String no = in.phone("BlackNo", true);
        String type = in.required("BlackType");
        if (in.error != null) {
            return in.error;
        }
        String key = pool + '|' + no;
        if (blacklist.containsKey(key)) {
            return RpcResult.error(BLACKLIST_EXISTS, "BlackNo is already on the blacklist of pool " + pool);
        }
        blacklist.put(key, new BlacklistEntry(pool, no, type, p.get("WayControl"), p.get("Remark"), now()));
        changed();
        return RpcResult.ok();
    }

    synchronized RpcResult deleteBlacklist(Map<String, String> p) {
        Params in = new Params(p);
        String pool = in.required("PoolKey");
        String no = in.phone("BlackNo", true);
        in.required("BlackType");
        if (in.error != null) {
            return in.error;
        }
        if (blacklist.remove(pool + '|' + no) == null) {
            return RpcResult.error(BLACKLIST_NOT_EXIST, "BlackNo is not on the blacklist of pool " + pool);
        }
        changed();
        return RpcResult.ok();
    }

    /** The live subscription a call from {@code caller} to {@code x} is routed by (see {@link CallReports#route}). */
    synchronized Subscription routeFor(String caller, String x) {
        LocalDateTime now = now();
        Subscription axn = null;
        for (Subscription s : (Iterable<Subscription>) liveOn(x, now)::iterator) {
            if (s.type() == Subscription.Type.AXB && caller.equals(s.b())) {
                return s;
            }
            if (s.type() == Subscription.Type.AXN) {
                axn = s;
            }
        }
        return axn;
    }

    // ------------------------------------------------------------------ helpers

    private String nextSubsId() {
        return Long.toString(subsSeq.incrementAndGet());
    }

    private java.util.stream.Stream<Subscription> liveOn(String x, LocalDateTime now) {
        return subscriptions.values().stream().filter(s -> s.live(now) && s.x().equals(x));
    }

    /**
     * AXB routing rules on one X: the agent's own AXN binding and its AXB pairs share the X (the agent reaches
     * each customer through the X customers already know); the same A-B pair only once; a B only in one pair,
     * since a call from B to X must reach exactly one A; and an A may serve many B, but not also be someone's B.
     */
    private String axbConflict(String x, String a, String b, String exceptSubsId, LocalDateTime now) {
        for (Subscription s : (Iterable<Subscription>) liveOn(x, now)::iterator) {
            if (s.subsId().equals(exceptSubsId) || s.type() != Subscription.Type.AXB) {
                continue;
            }
            if (a != null && b != null && ((a.equals(s.a()) && b.equals(s.b())) || (a.equals(s.b()) && b.equals(s.a())))) {
                return "This A-B pair is already bound on PhoneNoX";
            }
            if ((b != null && (b.equals(s.a()) || b.equals(s.b()))) || (a != null && a.equals(s.b()))) {
                return "PhoneNoB is already bound on PhoneNoX with another party";
            }
        }
        return null;
    }

    private Subscription findLive(String pool, String subsId, String x) {
        Subscription s = subscriptions.get(subsId);
        if (s == null || !s.live(now()) || !s.poolKey().equals(pool) || !s.x().equals(x)) {
            return null;
        }
        return s;
    }

    private static Map<String, Object> secretBindDto(Subscription s) {
        Map<String, Object> dto = new LinkedHashMap<>();
        dto.put("SubsId", s.subsId());
        dto.put("SecretNo", s.x());
        return dto;
    }

    /** Reads parameters, remembering the first validation failure as an isv.INVALID_PARAMETERS result. */
    private final class Params {
        private final Map<String, String> p;
        RpcResult error;

        Params(Map<String, String> p) {
            this.p = p;
        }

        String required(String name) {
            String v = p.get(name);
            if (v == null || v.isBlank()) {
                fail(name + " is mandatory for this action");
                return null;
            }
            return v.trim();
        }

        String phone(String name, boolean mandatory) {
            String v = p.get(name);
            if (v == null || v.isBlank()) {
                if (mandatory) {
                    fail(name + " is mandatory for this action");
                }
                return null;
            }
            v = v.trim();
            if (!PHONE.matcher(v).matches()) {
                fail(name + " is not a valid phone number");
                return null;
            }
            return v;
        }

        LocalDateTime expiration(boolean mandatory) {
            String v = p.get("Expiration");
            if (v == null || v.isBlank()) {
                if (mandatory) {
                    fail("Expiration is mandatory for this action");
                }
                return null;
            }
            try {
                LocalDateTime t = LocalDateTime.parse(v.trim(), TIME);
                if (t.isBefore(now().plusSeconds(MIN_EXPIRATION_LEAD_SECONDS))) {
                    fail("Expiration must be at least 1 minute in the future");
                    return null;
                }
                return t;
            } catch (DateTimeParseException e) {
                fail("Expiration must look like yyyy-MM-dd HH:mm:ss");
                return null;
            }
        }

        private void fail(String message) {
            if (error == null) {
                error = RpcResult.error(INVALID_PARAMETERS, message);
            }
        }
    }
}
