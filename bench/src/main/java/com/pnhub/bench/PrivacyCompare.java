package com.pnhub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Issue 15's cost: the write path (scenario 1) and the replay (scenario 6) with personal-data encryption on and off
 * ({@code pnhub.privacy.encryption.enabled}), in one invocation, alternating on, off, on, off so that the machine's
 * drift between runs shows as the spread of the pairs rather than as a cost. Each variant is a stack of its own (a
 * fresh database, Redis key, virtual host, simulator, service and master key, as a whole run has): events written in
 * clear by one never reach the other's replay. The open loop runs at one rate for all (half of the first variant's
 * closed loop, or {@code --rate}), so its percentiles and CPU compare. Every variant's full report lands in a folder
 * of its own under the run's; the run's report holds the figures side by side and the overhead in %.
 */
final class PrivacyCompare {

    static final String NAME = "personal-data encryption, on vs off";
    /** The issue's goal: at most this much more service CPU per legacy request with encryption on. */
    static final double CPU_OVERHEAD_GOAL_PERCENT = 10;

    private PrivacyCompare() {
    }

    record Variant(int pair, boolean encryption) {
        String label() {
            return (encryption ? "on" : "off") + " #" + pair;
        }

        /** The variant's folder and the suffix of its database (lower case, no dash: an SQL identifier). */
        String tag() {
            return "p" + pair + "_" + (encryption ? "on" : "off");
        }
    }

    /** Which way a figure moves when encryption costs something; CONTEXT figures say how the machine was, no cost. */
    enum Cost {
        HIGHER, LOWER, CONTEXT
    }

    record Figure(String name, Cost cost, Function<Report, Number> value) {
    }

    private static Function<Report, Number> at(String scenario, String... path) {
        return r -> Goals.find(r, scenario, path);
    }

    static final List<Figure> FIGURES = List.of(
            new Figure("service CPU per legacy request, closed loop (ms)", Cost.HIGHER,
                    at(BindUnbindScenario.NAME, "closedLoop", BindUnbindScenario.CPU_MS_PER_REQUEST)),
            new Figure("service CPU per legacy request, open loop (ms)", Cost.HIGHER,
                    at(BindUnbindScenario.NAME, "openLoop", BindUnbindScenario.CPU_MS_PER_REQUEST)),
            new Figure("database transactions per legacy request, closed loop", Cost.HIGHER,
                    at(BindUnbindScenario.NAME, "closedLoop", BindUnbindScenario.TRANSACTIONS_PER_REQUEST)),
            new Figure("closed loop, binds+unbinds/s", Cost.LOWER,
                    at(BindUnbindScenario.NAME, "closedLoop", BindUnbindScenario.MAX_RATE)),
            // from the unrounded rates: the report's own ratio has two decimals, too few for a difference of a few %
            new Figure("event appends / raw JDBC baseline", Cost.LOWER, r -> ratio(
                    Goals.find(r, BindUnbindScenario.NAME, "closedLoop", "eventsAppendedPerSecond"),
                    Goals.find(r, BindUnbindScenario.NAME, "rawBaseline", "appendsPerSecond"))),
            new Figure("raw JDBC baseline, appends/s (the machine)", Cost.CONTEXT,
                    at(BindUnbindScenario.NAME, "rawBaseline", "appendsPerSecond")),
            new Figure("open loop, requests/s asked", Cost.CONTEXT, at(BindUnbindScenario.NAME, "openLoop", "targetRequestsPerSecond")),
            new Figure("open loop, bind p99 (ms)", Cost.HIGHER, at(BindUnbindScenario.NAME, "openLoop", "bind", "p99Ms")),
            new Figure("open loop, unbind p99 (ms)", Cost.HIGHER, at(BindUnbindScenario.NAME, "openLoop", "unbind", "p99Ms")),
            new Figure("replay, events in store", Cost.CONTEXT, at(ReplayScenario.NAME, "eventsInStore")),
            new Figure("replay, until every projection caught up (s)", Cost.HIGHER, at(ReplayScenario.NAME, "seconds")),
            new Figure("replay, service CPU (s)", Cost.HIGHER, at(ReplayScenario.NAME, "service", "cpuSeconds")),
            new Figure("replay, service CPU per 1,000 stored events (ms)", Cost.HIGHER,
                    at(ReplayScenario.NAME, ReplayScenario.CPU_MS_PER_THOUSAND_EVENTS)),
            new Figure("replay, slowest projection (events/s)", Cost.LOWER, at(ReplayScenario.NAME, "eventsPerSecondSlowestProjection")));

    static final String CPU_FIGURE = FIGURES.get(0).name();

    static List<Variant> order(int pairs) {
        List<Variant> order = new ArrayList<>();
        for (int p = 1; p <= pairs; p++) {
            order.add(new Variant(p, true));
            order.add(new Variant(p, false));
        }
        return order;
    }

    /** Runs every variant, one after the other; false when any of them failed as a whole. */
    static boolean run(Options o, String runId, Path runDir, Report report) throws IOException {
        Map<Variant, Report> results = new LinkedHashMap<>();
        boolean allOk = true;
        String rateNote = o.fixedRate > 0 ? "--rate " + o.fixedRate : null;
        for (Variant v : order(o.privacyPairs)) {
            Report vr = new Report();
            vr.run.put("runId", runId + " " + v.label());
            vr.run.put("variant", v.label() + " of " + report.run.get("runId"));
            vr.run.put("loadAverageAtStart", loadAverage());
            System.err.println("[privacy] encryption " + v.label());
            Path dir = runDir.resolve(v.tag());
            allOk &= BenchMain.measure(o, runId + "_" + v.tag(), dir, v.encryption(), vr);
            vr.run.put("loadAverageAtEnd", loadAverage());
            Goals.evaluate(vr);
            vr.write(dir.resolve("report.json"), dir.resolve("report.md"));
            results.put(v, vr);
            if (o.fixedRate <= 0) {
                // every later open loop at the first one's rate: p99s and CPU at different rates would not compare
                Number max = Goals.find(vr, BindUnbindScenario.NAME, "closedLoop", BindUnbindScenario.MAX_RATE);
                if (max != null && max.doubleValue() > 0) {
                    o.fixedRate = Report.round(max.doubleValue() / 2);
                    rateNote = "half of " + v.label() + "'s closed loop: " + o.fixedRate + " requests/s";
                }
            }
        }
        report.run.put("openLoopRate", rateNote == null ? "none (scenario 1 did not run or failed)" : rateNote);
        compare(report, results);
        return allOk;
    }

    /** The variants' figures side by side (a section for the JSON, a table for the markdown) and the CPU goal. */
    static void compare(Report report, Map<Variant, Report> results) {
        List<Variant> variants = new ArrayList<>(results.keySet());
        Report.Section out = report.scenario(NAME);
        report.jsonOnly.add(NAME);
        out.put("order", String.join(", ", variants.stream().map(Variant::label).toList()));
        Report.Section about = new Report.Section();
        for (Variant v : variants) {
            Report r = results.get(v);
            Report.Section s = new Report.Section();
            s.put("encryption", v.encryption());
            s.put("report", v.tag() + "/report.md");
            s.put("database", r.run.get("database"));
            s.put("loadAverageAtStart", r.run.get("loadAverageAtStart"));
            List<String> errors = errors(r);
            if (!errors.isEmpty()) {
                s.put("errors", errors);
            }
            about.put(v.label(), s);
        }
        out.put("variants", about);

        List<String> header = new ArrayList<>(List.of("figure"));
        variants.forEach(v -> header.add(v.label()));
        header.addAll(List.of("on, mean", "off, mean", "overhead", "overhead per pair"));
        List<List<String>> rows = new ArrayList<>();
        Report.Section figures = new Report.Section();
        for (Figure f : FIGURES) {
            Map<Variant, Double> values = new LinkedHashMap<>();
            variants.forEach(v -> values.put(v, value(f.value().apply(results.get(v)))));
            if (values.values().stream().allMatch(x -> x == null)) {
                continue;
            }
            Report.Section s = new Report.Section();
            List<String> row = new ArrayList<>(List.of(f.name()));
            values.forEach((v, x) -> {
                s.put(v.label(), x == null ? null : round4(x));
                row.add(fmt(x));
            });
            Double on = mean(values, true);
            Double off = mean(values, false);
            s.put("meanOn", on == null ? null : round4(on));
            s.put("meanOff", off == null ? null : round4(off));
            row.add(fmt(on));
            row.add(fmt(off));
            if (f.cost() == Cost.CONTEXT) {
                row.add("");
                row.add("");
            } else {
                Double overhead = overheadPercent(on, off, f.cost());
                List<Double> perPair = new ArrayList<>();
                for (Variant v : variants) {
                    if (v.encryption()) {
                        perPair.add(overheadPercent(values.get(v), values.get(new Variant(v.pair(), false)), f.cost()));
                    }
                }
                s.put("costWhen", f.cost().name().toLowerCase(Locale.ROOT));
                s.put("overheadPercent", overhead == null ? null : Report.round(overhead));
                s.put("overheadPercentPerPair", perPair.stream().map(x -> x == null ? null : Report.round(x)).toList());
                row.add(percent(overhead));
                row.add(String.join(" / ", perPair.stream().map(PrivacyCompare::percent).toList()));
            }
            figures.put(f.name(), s);
            rows.add(row);
        }
        out.put("figures", figures);
        out.put("overheadNote", NOTE);
        report.tables.add(new Report.Table(NAME, header, rows, NOTE));

        Report.Section cpu = (Report.Section) figures.get(CPU_FIGURE);
        Number overhead = cpu == null ? null : (Number) cpu.get("overheadPercent");
        report.goal("encryption overhead, service CPU per legacy request (closed loop)", String.format(Locale.ROOT, "≤ %.0f %%", CPU_OVERHEAD_GOAL_PERCENT),
                overhead == null ? "not measured" : percent(overhead.doubleValue()) + " (per pair " + cpu.get("overheadPercentPerPair") + ")",
                overhead == null ? null : overhead.doubleValue() <= CPU_OVERHEAD_GOAL_PERCENT);
    }

    static final String NOTE = "overhead: what encryption costs, in % of the off figure (+ is more CPU, transactions, latency"
            + " or replay time, or less throughput, with encryption on); from the means of the on and the off variants, and"
            + " per pair (each on variant against the off variant started right after it). Each variant ran on a fresh"
            + " database with a service of its own; its full report is in its folder.";

    /** In % of {@code off}, positive when encryption ({@code on}) is the worse: more of a HIGHER cost, less of a LOWER one. */
    static Double overheadPercent(Double on, Double off, Cost cost) {
        if (on == null || off == null || off == 0 || cost == Cost.CONTEXT) {
            return null;
        }
        double change = (on - off) / off * 100;
        return cost == Cost.HIGHER ? change : -change;
    }

    static Double mean(Map<Variant, Double> values, boolean encryption) {
        double sum = 0;
        int n = 0;
        for (Map.Entry<Variant, Double> e : values.entrySet()) {
            if (e.getKey().encryption() == encryption && e.getValue() != null) {
                sum += e.getValue();
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    /** A run's failure and each scenario's: a figure missing from the table is explained here. */
    private static List<String> errors(Report r) {
        List<String> errors = new ArrayList<>();
        if (r.run.get("error") != null) {
            errors.add("run: " + r.run.get("error"));
        }
        r.scenarios.forEach((name, s) -> {
            if (s.get("error") != null) {
                errors.add(name + ": " + s.get("error"));
            }
        });
        return errors;
    }

    private static Double value(Number n) {
        return n == null ? null : n.doubleValue();
    }

    static String percent(Double p) {
        return p == null ? "—" : String.format(Locale.ROOT, "%+.1f %%", p);
    }

    /** Four decimals: a ratio like appends to the baseline (0.2) keeps its third significant digit. */
    private static double round4(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }

    private static Number ratio(Number a, Number b) {
        return a == null || b == null || b.doubleValue() == 0 ? null : a.doubleValue() / b.doubleValue();
    }

    /** Three significant digits or more: rates without decimals, ratios under 1 with three. */
    private static String fmt(Double v) {
        if (v == null) {
            return "—";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 1 || a == 0 ? "%,.2f" : "%.3f", v);
    }

    private static String loadAverage() {
        return BenchMain.readOrEmpty(Path.of("/proc/loadavg"));
    }
}
