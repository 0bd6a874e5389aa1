package com.pnhub.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The two load shapes. Closed loop: N workers, each starts its next operation when the last one ended
 * (measures the most the service does with N callers). Open loop: operations start on a fixed schedule
 * whatever the service does; a late start counts from its scheduled time (no coordinated omission), so
 * a service that falls behind shows it in the percentiles.
 */
final class Load {

    private Load() {
    }

    interface ClosedBody {
        void run(int worker) throws Exception;
    }

    interface OpenBody {
        /** @param intendedNanos when this operation should have started ({@link System#nanoTime()} scale) */
        void run(long intendedNanos) throws Exception;
    }

    /** @param seconds wall time from the first start to the last end; requests, errors from the metrics */
    /** {@code startedAt}: the phase's wall-clock start (UTC), to cut a profile of the service to this phase. */
    record Result(java.time.Instant startedAt, double seconds, long requests, long errors, double requestsPerSecond) {
        Report.Section toSection() {
            Report.Section s = new Report.Section();
            s.put("startedAt", startedAt.toString());
            s.put("seconds", Report.round(seconds));
            s.put("requests", requests);
            s.put("errors", errors);
            s.put("requestsPerSecond", Report.round(requestsPerSecond));
            return s;
        }
    }

    static Result closed(String label, int workers, Duration duration, Metrics m, String progressMetric, ClosedBody body)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    guarded(m, () -> body.run(worker));
                }
            }, label + "-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
        try (Progress p = new Progress(label, duration, m, progressMetric)) {
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }
        return result(start, m);
    }

    /** Closed-loop workers that run until closed: the concurrent load under which another phase is measured. */
    static AutoCloseable background(String label, int workers, Metrics m, ClosedBody body) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                while (running.get()) {
                    guarded(m, () -> body.run(worker));
                }
            }, label + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return () -> {
            running.set(false);
            for (Thread t : threads) {
                t.join(60_000);
            }
        };
    }

    static Result open(String label, double ratePerSecond, Duration duration, int maxThreads, Metrics m, String progressMetric,
                       OpenBody body) throws InterruptedException {
        AtomicInteger seq = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, label + "-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long period = (long) (1e9 / ratePerSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int maxBacklog = 0;
        try (Progress p = new Progress(label, duration, m, progressMetric)) {
            for (long k = 0; ; k++) {
                long intended = start + k * period;
                if (intended >= end) {
                    break;
                }
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                pool.execute(() -> guarded(m, () -> body.run(intended)));
                maxBacklog = Math.max(maxBacklog, pool.getQueue().size());
            }
            shutdown(pool, Duration.ofSeconds(60));
        }
        if (maxBacklog > 0) {
            m.count("scheduler.maxBacklog=" + maxBacklog);
        }
        return result(start, m);
    }

    private static void shutdown(ExecutorService pool, Duration grace) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }

    private static Result result(long start, Metrics m) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long requests = m.requests.sum();
        java.time.Instant startedAt = java.time.Instant.now().minusNanos(System.nanoTime() - start);
        return new Result(startedAt, seconds, requests, m.errors.sum(), requests / seconds);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void guarded(Metrics m, Body body) {
        try {
            body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a refused connection must not turn a closed-loop worker into a busy loop
            m.count("exception." + e.getClass().getSimpleName());
            m.errors.increment();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** One line, rewritten every second on stderr, while a phase runs. */
    static final class Progress implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;

        Progress(String label, Duration duration, Metrics m, String metric) {
            long start = System.nanoTime();
            thread = new Thread(() -> {
                long last = 0;
                while (running) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        break;
                    }
                    long now = m.requests.sum();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    System.err.printf(Locale.ROOT, "\r[%s] %4.0f/%ds  requests %d (%d/s)  errors %d  p99 %.1f ms   ", label, elapsed,
                            duration.toSeconds(), now, now - last, m.errors.sum(), m.p99Millis(metric));
                    last = now;
                }
            }, "progress");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            System.err.println();
        }
    }
}
