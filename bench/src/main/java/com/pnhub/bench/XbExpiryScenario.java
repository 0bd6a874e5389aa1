package com.pnhub.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 4: #5 GetCallNumber (XB bindings) with short expirations, and how late they end. Two figures: when
 * the MQ108 message the service publishes at expiry ({@code service_exchange1_privatenumberXNB}) arrives, read
 * from a private queue bound to the same exchange and key (a copy; the service's own consumer keeps its
 * messages), against the request's send time + expiration; and when the binding ended at the provider
 * ({@code xb_interval.valid_to}, the XbUnboundEvent's time) against its expiry ({@code expires_at}), both by the
 * service's clock. The second is the goal's figure.
 */
final class XbExpiryScenario {

    static final String EXCHANGE = "service_exchange1";
    static final String ROUTING_KEY = "service_exchange1_privatenumberXNB";

    private XbExpiryScenario() {
    }

    private static ConnectionFactory rabbit(Options o, String vhost) {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setVirtualHost(vhost);
        cf.setHost(o.rabbitHost);
        cf.setPort(o.rabbitPort);
        cf.setUsername(o.rabbitUser);
        cf.setPassword(o.rabbitPassword);
        return cf;
    }

    static void run(Run run, Report.Section out) throws Exception {
        Options o = run.options();
        ConnectionFactory cf = rabbit(o, run.stack().rabbitVhost);
        Fixture f = run.fixture();
        Metrics m = new Metrics();
        List<Fixture.Pair> bound = new ArrayList<>();
        /* telX|telB -> epoch ms at which the binding was asked to expire; then the message's arrival */
        Map<String, Long> expiresAt = new ConcurrentHashMap<>();
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        try (com.rabbitmq.client.Connection amqp = cf.newConnection("pnhub-bench"); Channel ch = amqp.createChannel()) {
            String queue = ch.queueDeclare().getQueue();
            ch.queueBind(queue, EXCHANGE, ROUTING_KEY);
            ch.basicConsume(queue, true, (tag, delivery) -> {
                long now = System.currentTimeMillis();
                JsonNode msg = Http.JSON.readTree(delivery.getBody());
                arrivedAt.putIfAbsent(msg.path("telX").asString("") + "|" + msg.path("telB").asString(""), now);
            }, tag -> { });

            for (int i = 0; i < o.xbBindings; i++) {
                Fixture.Pair p = f.take();
                bound.add(p);
                if (!f.bind(m, p, System.nanoTime()).ok()) {
                    m.count("setup.bindFailed");
                }
            }
            ProcStats.Watch watch = new ProcStats.Watch(run.stack().servicePid());
            for (int i = 0; i < bound.size(); i++) {
                Fixture.Pair p = bound.get(i);
                String b = Fixture.number("139", i);
                long askedAt = System.currentTimeMillis();
                long t0 = System.nanoTime();
                Http.Envelope e = f.http.legacy(Http.HUB + "GetCallNumber", "xbid", 0, "userid", p.user(), "Mapclassid", 1,
                        "Mapid", 1000 + i, "Contactmapclassid", 0, "Contactid", 0, "Mobile", b, "expiration", o.xbExpirationSeconds);
                if (!e.ok() && e.message().startsWith("接口不存在")) {
                    watch.close();
                    out.put("status", "not available (GetCallNumber answers 5000 " + e.message() + ")");
                    return;
                }
                Fixture.outcome(m, "GetCallNumber", t0, e);
                if (e.ok()) {
                    String x = e.body() != null && e.body().size() > 0 ? e.body().get(0).path("phone").asString(p.x()) : p.x();
                    // the earliest moment the service can have started the clock: the request's send time
                    expiresAt.put(x + "|" + b, askedAt + o.xbExpirationSeconds * 1000L);
                }
            }
            long deadline = System.currentTimeMillis() + o.xbExpirationSeconds * 1000L + 30_000;
            System.err.printf("[4 XB] waiting up to %d s for %d expiry messages%n", (deadline - System.currentTimeMillis()) / 1000,
                    expiresAt.size());
            while (System.currentTimeMillis() < deadline && !arrivedAt.keySet().containsAll(expiresAt.keySet())) {
                Thread.sleep(200);
            }
            // the end at the provider, by the service's own clock: xb_interval.valid_to is the XbUnboundEvent's time,
            // expires_at the expiry the binding was given
            long endDeadline = System.currentTimeMillis() + 30_000;
            List<Long> endedLateMillis = new ArrayList<>();
            int stillLive = expiresAt.size();
            try (java.sql.Connection c = run.stack().connect()) {
                while (System.currentTimeMillis() < endDeadline) {
                    endedLateMillis.clear();
                    stillLive = 0;
                    try (java.sql.ResultSet rs = c.createStatement().executeQuery(
                            "SELECT EXTRACT(EPOCH FROM (valid_to - expires_at)) * 1000 AS late_ms FROM xb_interval")) {
                        while (rs.next()) {
                            double late = rs.getDouble("late_ms");
                            if (rs.wasNull()) {
                                stillLive++;
                            } else {
                                endedLateMillis.add(Math.round(late));
                            }
                        }
                    }
                    if (stillLive == 0) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
            for (long late : endedLateMillis) {
                m.observe("providerUnbindLateness", Math.max(0, late) * 1_000_000L);
            }
            long missing = 0;
            for (Map.Entry<String, Long> e : expiresAt.entrySet()) {
                Long arrived = arrivedAt.get(e.getKey());
                if (arrived == null) {
                    missing++;
                } else {
                    // an early message (negative lateness) counts as 0 in the histogram and shows in earlyMessages
                    long late = arrived - e.getValue();
                    if (late < 0) {
                        m.count("earlyMessages");
                    }
                    m.observe("unbindLateness", Math.max(0, late) * 1_000_000L);
                }
            }
            out.put("status", "measured");
            out.put("bindings", expiresAt.size());
            out.put("expirationSeconds", o.xbExpirationSeconds);
            out.put("messagesMissing", missing);
            out.put("getCallNumber", m.latency("GetCallNumber"));
            out.put("mq108LatenessAfterExpiry", m.latency("unbindLateness"));
            out.put("unbindLatenessAfterExpiry", m.latency("providerUnbindLateness"));
            out.put("bindingsNotEnded", stillLive);
            out.put("counters", m.counters());
            out.put("service", watch.finish());
        } finally {
            for (Fixture.Pair p : bound) {
                f.http.legacy(Http.HUB + "UnBindAgentNumber", "userid", p.user(), "private_number", p.x());
                f.free.add(p);
            }
        }
    }
}
