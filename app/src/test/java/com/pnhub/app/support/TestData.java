package com.pnhub.app.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers and user ids unique within a test JVM, so tests sharing one service never touch each
 * other's data. Virtual numbers start with 19 (never used by demo data), agents' phones with 139.
 */
public final class TestData {

    private static final AtomicLong SEQ = new AtomicLong((System.currentTimeMillis() / 1000 % 100_000) * 1000);

    private TestData() {
    }

    public static String virtualNumber() {
        return String.format("19%09d", SEQ.incrementAndGet() % 1_000_000_000L);
    }

    public static String realNumber() {
        return String.format("139%08d", SEQ.incrementAndGet() % 100_000_000L);
    }

    public static String userId() {
        return Long.toString(900_000_000L + SEQ.incrementAndGet());
    }
}
