package com.pnhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Resident memory and CPU time of a process, read from /proc (Linux only; zeros elsewhere). */
final class ProcStats {

    private static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    record Sample(long nanoTime, long rssKib, long cpuMillis) {
    }

    static Sample sample(long pid) {
        return new Sample(System.nanoTime(), rssKib(pid), cpuMillis(pid));
    }

    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** utime + stime of /proc/PID/stat (fields 14 and 15), counted after the command name, which may hold spaces. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** Peak RSS and CPU use of one process over a phase: sampled every second by a daemon thread. */
    static final class Watch implements AutoCloseable {
        private final long pid;
        private final Sample start;
        private volatile long peakRssKib;
        private volatile boolean running = true;
        private final Thread thread;

        Watch(long pid) {
            this.pid = pid;
            this.start = sample(pid);
            this.peakRssKib = start.rssKib();
            this.thread = new Thread(() -> {
                while (running) {
                    peakRssKib = Math.max(peakRssKib, rssKib(pid));
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "proc-watch-" + pid);
            thread.setDaemon(true);
            thread.start();
        }

        /** {rssMiB at end, peakRssMiB, cpuSeconds, cpuCores = cpu seconds per wall second}. */
        Report.Section finish() {
            running = false;
            thread.interrupt();
            Sample end = sample(pid);
            double wall = (end.nanoTime() - start.nanoTime()) / 1e9;
            double cpu = (end.cpuMillis() - start.cpuMillis()) / 1000.0;
            Report.Section s = new Report.Section();
            s.put("rssMiB", end.rssKib() / 1024);
            s.put("peakRssMiB", Math.max(peakRssKib, end.rssKib()) / 1024);
            s.put("cpuSeconds", Report.round(cpu));
            s.put("cpuCores", Report.round(wall > 0 ? cpu / wall : 0));
            return s;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
