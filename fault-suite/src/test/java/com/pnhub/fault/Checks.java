package com.pnhub.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.fault.LegacyLoad.Attempt;
import com.pnhub.fault.LegacyLoad.Op;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** What must hold after a fault, read straight from the database, Redis and the service's own check. */
final class Checks {

    /** The events that end an operation as the caller was told (OperationOutcomes completes on them). */
    private static final Map<Op, Set<String>> OUTCOMES = Map.of(
            Op.BIND, Set.of("AxBoundEvent", "AxFaultBoundEvent"),
            Op.UNBIND, Set.of("AxUnboundEvent", "FaultBindingEndedEvent"));
    static final Set<String> TRANSITIONAL = Set.of("BINDING", "UNBINDING", "CHANGING_A");
    /** The events after which a number is in a settled bind state. */
    private static final Set<String> BIND_STATE_ENDS = Set.of("AxBoundEvent", "AxFaultBoundEvent", "FaultBindingRecoveredEvent",
            "AxUnboundEvent", "FaultBindingEndedEvent", "AxBindingRejectedEvent", "NumberReleasedEvent");

    private Checks() {
    }

    record Row(String bindState, String holder, String phoneA, String subsId) {
    }

    /** One stored event of a number. */
    record Stored(String number, String type, String requestId, Instant at) {
    }

    /** Every PrivateNumber event, in store order. */
    static List<Stored> numberEvents(FaultWorld world) throws SQLException {
        List<Stored> events = new ArrayList<>();
        try (Connection c = world.db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT aggregate_identifier, payload_type, meta_data, time_stamp FROM domain_event_entry "
                     + "WHERE type = 'PrivateNumber' ORDER BY global_index")) {
            while (rs.next()) {
                JsonNode requestId = Web.JSON.readTree(new String(rs.getBytes(3), StandardCharsets.UTF_8)).get("requestId");
                String type = rs.getString(2);
                events.add(new Stored(rs.getString(1), type.substring(type.lastIndexOf('.') + 1),
                        requestId == null ? null : requestId.asString(), Instant.parse(rs.getString(4))));
            }
        }
        return events;
    }

    /**
     * Every request answered 2000 left its outcome event on its number in the store, except a repeated
     * bind of a number already bound to the agent with the same A: the aggregate answers it at once and
     * writes nothing, so there the number's last outcome before the answer must be a binding.
     */
    static void everySuccessIsStored(FaultWorld world, List<Attempt> attempts) throws SQLException {
        List<Stored> stored = numberEvents(world);
        List<String> missing = new ArrayList<>();
        for (Attempt a : attempts) {
            if (!a.succeeded() || stored.stream().anyMatch(e -> a.requestId().equals(e.requestId()) && e.number().equals(a.number())
                    && OUTCOMES.get(a.op()).contains(e.type()))) {
                continue;
            }
            String lastOutcome = stored.stream().filter(e -> e.number().equals(a.number()) && !e.at().isAfter(a.answeredAt())
                    && BIND_STATE_ENDS.contains(e.type())).reduce((first, second) -> second).map(Stored::type).orElse("none");
            if (a.op() != Op.BIND || !OUTCOMES.get(Op.BIND).contains(lastOutcome) && !lastOutcome.equals("FaultBindingRecoveredEvent")) {
                missing.add(a.op() + " " + a.number() + " request " + a.requestId() + " (last outcome before: " + lastOutcome + ")");
            }
        }
        assertThat(missing).as("answered 2000 but without its outcome in the event store").isEmpty();
    }

    /** The request ids whose operation ended with its outcome event in the store (a round trip to the provider). */
    static Set<String> requestsWithTheirOutcome(FaultWorld world) throws SQLException {
        Set<String> outcomes = new java.util.HashSet<>();
        OUTCOMES.values().forEach(outcomes::addAll);
        Set<String> ids = new java.util.HashSet<>();
        for (Stored e : numberEvents(world)) {
            if (e.requestId() != null && outcomes.contains(e.type())) {
                ids.add(e.requestId());
            }
        }
        return ids;
    }

    /**
     * A request answered other than 2000 left nothing half-done: what its request id started on its number (a bind
     * or an unbind requested) has ended there too. Returns those requests whose operation was carried out all the
     * same (a bind or an unbind the caller was told had failed: the caller's next read shows it).
     */
    static List<Attempt> refusalsLeftNothingHalfDone(FaultWorld world, List<Attempt> attempts) throws SQLException {
        Set<String> ends = new java.util.HashSet<>(BIND_STATE_ENDS);
        ends.add("AxUnbindingRejectedEvent");
        List<Stored> stored = numberEvents(world);
        List<String> halfDone = new ArrayList<>();
        List<Attempt> carriedOut = new ArrayList<>();
        for (Attempt a : attempts) {
            if (a.succeeded() || a.requestId() == null) {
                continue;
            }
            List<String> types = stored.stream().filter(e -> a.requestId().equals(e.requestId()) && e.number().equals(a.number()))
                    .map(Stored::type).toList();
            if (!types.isEmpty() && types.stream().noneMatch(ends::contains)) {
                halfDone.add(a.op() + " " + a.number() + " request " + a.requestId() + " answered " + a.code() + " " + a.message()
                        + ", stored " + types);
            } else if (types.stream().anyMatch(OUTCOMES.get(a.op())::contains)) {
                carriedOut.add(a);
            }
        }
        assertThat(halfDone).as("answered 5000 but left started in the event store").isEmpty();
        return carriedOut;
    }

    static Map<String, Row> numberView(FaultWorld world, Collection<String> numbers) throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (Connection c = world.db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT number, bind_state, COALESCE(tuser_id, user_id), phone_a, subs_id FROM number_view")) {
            while (rs.next()) {
                if (numbers.contains(rs.getString(1))) {
                    rows.put(rs.getString(1), new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return rows;
    }

    /** Numbers in BINDING, UNBINDING or CHANGING_A: a provider call that never finished. */
    static List<String> transitional(FaultWorld world, Collection<String> numbers) throws SQLException {
        List<String> stuck = new ArrayList<>();
        numberView(world, numbers).forEach((x, row) -> {
            if (TRANSITIONAL.contains(row.bindState())) {
                stuck.add(x + " " + row.bindState());
            }
        });
        return stuck;
    }

    /**
     * Where an agent's last request was answered 2000 the read models show its result: bound (or a fault
     * binding) and held after a bind, unbound after an unbind; and the Redis hash names the number for
     * every agent that was ever bound (an unbound number stays the agent's, ADR 0001).
     */
    static void lastAnswersAreInTheReadModels(FaultWorld world, List<LegacyLoad.Pair> pairs, List<Attempt> attempts)
            throws SQLException {
        assertThat(lastAnswersMissingFromTheReadModels(world, pairs, attempts)).isEmpty();
    }

    /** The agents (numbers) for which {@link #lastAnswersAreInTheReadModels} does not hold, with what is wrong. */
    static Map<String, String> lastAnswersMissingFromTheReadModels(FaultWorld world, List<LegacyLoad.Pair> pairs,
                                                                  List<Attempt> attempts) throws SQLException {
        Map<String, Attempt> last = new HashMap<>();
        Set<String> everBound = new java.util.HashSet<>();
        for (Attempt a : attempts) {
            last.put(a.number(), a);
            if (a.succeeded() && a.op() == Op.BIND) {
                everBound.add(a.number());
            }
        }
        Map<String, Row> view = numberView(world, last.keySet());
        Map<String, String> redis = world.redisHash();
        Map<String, String> wrong = new LinkedHashMap<>();
        for (LegacyLoad.Pair p : pairs) {
            Attempt a = last.get(p.number());
            Row row = view.get(p.number());
            if (a != null && a.succeeded()) {
                boolean bound = "BOUND".equals(row.bindState()) || "FAULT".equals(row.bindState());
                if (a.op() == Op.BIND ? !bound || !p.user().equals(row.holder()) : !"UNBOUND".equals(row.bindState())) {
                    wrong.put(p.number(), "last answered " + a.op() + " but number_view has " + row);
                }
            }
            if (everBound.contains(p.number()) && !String.valueOf(redis.get(p.user())).contains("\"xNumber\":\"" + p.number() + "\"")) {
                wrong.merge(p.number(), "redis " + p.user() + " = " + redis.get(p.user()) + ", expected it to name the number",
                        (x, y) -> x + "; " + y);
            }
        }
        return wrong;
    }

    /** The service's consistency check found no difference between the read models and the event store. */
    static JsonNode consistent(FaultWorld world, FaultWorld.Service service) {
        JsonNode report = world.consistency(service);
        assertThat(report.get("caughtUp").asBoolean()).as("projections caught up: %s", report).isTrue();
        assertThat(report.get("differences").size()).as("differences: %s", report.get("differences")).isZero();
        assertThat(report.get("consistent").asBoolean()).isTrue();
        return report;
    }

    /**
     * The provider agrees with number_view: a live subscription with the holder's A for every bound number,
     * none for a number we hold unbound.
     */
    static List<String> providerDrift(FaultWorld world, Collection<String> numbers, Map<String, String> phones) throws SQLException {
        Map<String, JsonNode> live = world.liveSubscriptions();
        List<String> drift = new ArrayList<>();
        numberView(world, numbers).forEach((x, row) -> {
            JsonNode sub = live.get(x);
            if ("BOUND".equals(row.bindState())) {
                if (sub == null || !sub.get("subsId").asString().equals(row.subsId())) {
                    drift.add(x + " bound with " + row.subsId() + " but the provider has " + (sub == null ? "none" : sub.get("subsId")));
                } else if (!sub.get("a").asString().equals(phones.get(row.holder()))) {
                    drift.add(x + " A differs at the provider");
                }
            } else if ("UNBOUND".equals(row.bindState()) && sub != null) {
                drift.add(x + " unbound but the provider has subscription " + sub.get("subsId"));
            }
        });
        return drift;
    }

    /** Figures for the report: how many requests, answered how. */
    static String summary(List<Attempt> attempts) {
        long ok = attempts.stream().filter(Attempt::succeeded).count();
        long unanswered = attempts.stream().filter(a -> a.code() == 0).count();
        Map<String, Long> refusals = attempts.stream().filter(a -> a.code() != 0 && !a.succeeded())
                .collect(java.util.stream.Collectors.groupingBy(a -> a.message().replaceAll("[0-9]{6,}", "#"), java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        long[] times = attempts.stream().filter(Attempt::succeeded).mapToLong(Attempt::millis).sorted().toArray();
        String latency = times.length == 0 ? "" : " (median " + times[times.length / 2] + " ms, p90 " + times[times.length * 9 / 10] + " ms)";
        return attempts.size() + " requests, " + ok + " answered 2000" + latency + ", " + (attempts.size() - ok - unanswered)
                + " answered 5000 " + refusals + ", " + unanswered + " unanswered";
    }
}
