package com.pnhub.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

    // equal hash codes: the same bin of the map, where a load inside the map's compute held up the other key
    private static final String ONE_KEY = "Aa";
    private static final String KEY_OF_THE_SAME_BIN = "BB";

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch releaseSlowLoad = new CountDownLatch(1);

    @AfterEach
    void stopThreads() {
        releaseSlowLoad.countDown();
        threads.shutdownNow();
    }

    @Test
    void canLoadOneKeyWhileTheLoadOfAnotherKeyOfTheSameBinWaits() throws Exception {
        assertThat(ONE_KEY.hashCode()).isEqualTo(KEY_OF_THE_SAME_BIN.hashCode());
        KeyCache<String, String> cache = new KeyCache<>(Duration.ofMinutes(1), 100);
        Future<String> slow = loadHeldUntilReleased(cache, ONE_KEY, "slow", new AtomicInteger());

        Future<String> other = threads.submit(() -> cache.get(KEY_OF_THE_SAME_BIN, () -> "other"));

        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("other");
        assertThat(slow.isDone()).isFalse();
        releaseSlowLoad.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
    }

    @Test
    void canShareOneLoadAmongTheCallersOfOneKey() throws Exception {
        KeyCache<String, String> cache = new KeyCache<>(Duration.ofMinutes(1), 100);
        AtomicInteger loads = new AtomicInteger();
        Future<String> first = loadHeldUntilReleased(cache, ONE_KEY, "loaded", loads);
        Future<String> second = threads.submit(() -> cache.get(ONE_KEY, () -> {
            loads.incrementAndGet();
            return "loaded again";
        }));

        releaseSlowLoad.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
        assertThat(loads).hasValue(1);
    }

    @Test
    void cannotKeepAFailedLoad() {
        KeyCache<String, String> cache = new KeyCache<>(Duration.ofMinutes(1), 100);
        IllegalStateException failure = new IllegalStateException("key row unreadable");

        assertThatThrownBy(() -> cache.get(ONE_KEY, () -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(cache.get(ONE_KEY, () -> "read on the second try")).isEqualTo("read on the second try");
    }

    @Test
    void cannotKeepAValueInvalidatedWhileItWasStillLoading() throws Exception {
        KeyCache<String, String> cache = new KeyCache<>(Duration.ofMinutes(1), 100);
        Future<String> loading = loadHeldUntilReleased(cache, ONE_KEY, "destroyed key", new AtomicInteger());

        cache.invalidateValues("destroyed key"::equals);
        releaseSlowLoad.countDown();

        assertThat(loading.get(10, TimeUnit.SECONDS)).isEqualTo("destroyed key");
        assertThat(cache.get(ONE_KEY, () -> "reloaded")).isEqualTo("reloaded");
    }

    @Test
    void canDropLoadedValuesThatMatchAndKeepTheOthers() {
        KeyCache<String, String> cache = new KeyCache<>(Duration.ofMinutes(1), 100);
        cache.put(ONE_KEY, "destroyed key");
        cache.put(KEY_OF_THE_SAME_BIN, "live key");

        cache.invalidateValues("destroyed key"::equals);

        assertThat(cache.get(ONE_KEY, () -> "reloaded")).isEqualTo("reloaded");
        assertThat(cache.get(KEY_OF_THE_SAME_BIN, () -> "reloaded")).isEqualTo("live key");
    }

    /** A load of {@code key} on a thread of its own, started and held until the test releases it. */
    private Future<String> loadHeldUntilReleased(KeyCache<String, String> cache, String key, String value,
                                                 AtomicInteger loads) throws InterruptedException {
        CountDownLatch loadStarted = new CountDownLatch(1);
        Future<String> loading = threads.submit(() -> cache.get(key, () -> {
            loads.incrementAndGet();
            loadStarted.countDown();
            awaitRelease();
            return value;
        }));
        assertThat(loadStarted.await(10, TimeUnit.SECONDS)).isTrue();
        return loading;
    }

    private void awaitRelease() {
        try {
            if (!releaseSlowLoad.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the load");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
