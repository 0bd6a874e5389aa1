package com.pnhub.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latency histograms (HdrHistogram, microseconds) and outcome counters of one load phase. */
final class Metrics {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    final LongAdder requests = new LongAdder();
    final LongAdder errors = new LongAdder();

    /** One request: its latency goes to {@code name}, its outcome to the counters ({@code name.ok} / {@code name.fail}). */
    void record(String name, long nanos, boolean ok) {
        histogram(name).recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
        requests.increment();
        if (!ok) {
            errors.increment();
        }
        count(name + (ok ? ".ok" : ".fail"));
    }

    /** A delay that is not a request (projection lag, lateness): histogram only. */
    void observe(String name, long nanos) {
        histogram(name).recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    void count(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    long counter(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    Histogram histogram(String name) {
        return latencies.computeIfAbsent(name, k -> new ConcurrentHistogram(MAX_MICROS, 3));
    }

    /** p99 so far in ms, for the progress line. */
    double p99Millis(String name) {
        Histogram h = latencies.get(name);
        return h == null || h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0;
    }

    Report.Section latency(String name) {
        return summary(histogram(name));
    }

    static Report.Section summary(Histogram h) {
        Report.Section s = new Report.Section();
        s.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return s;
        }
        s.put("meanMs", Report.round(h.getMean() / 1000.0));
        s.put("p50Ms", Report.round(h.getValueAtPercentile(50) / 1000.0));
        s.put("p90Ms", Report.round(h.getValueAtPercentile(90) / 1000.0));
        s.put("p99Ms", Report.round(h.getValueAtPercentile(99) / 1000.0));
        s.put("p999Ms", Report.round(h.getValueAtPercentile(99.9) / 1000.0));
        s.put("maxMs", Report.round(h.getMaxValue() / 1000.0));
        return s;
    }
}
