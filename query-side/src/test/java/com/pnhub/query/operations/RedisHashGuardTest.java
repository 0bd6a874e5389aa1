package com.pnhub.query.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.pnhub.query.redis.UserAxsProjection;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

class RedisHashGuardTest {

    private static final String KEY = "4011:1:PrivateNumber_user_axs";
    private static final String MARKER = "{" + KEY + "}:rebuilt-at";
    private static final String LEGACY_MARKER = KEY + ":rebuilt-at";

    StringRedisTemplate redis;
    ValueOperations<String, String> values;
    StreamingEventProcessor processor;
    RedisHashGuard guard;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        redis = mock(StringRedisTemplate.class);
        values = mock(ValueOperations.class);
        when(redis.opsForValue()).thenReturn(values);
        processor = mock(StreamingEventProcessor.class);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessor(UserAxsProjection.PROCESSING_GROUP, StreamingEventProcessor.class))
                .thenReturn(Optional.of(processor));
        guard = new RedisHashGuard(redis, processing, KEY, Duration.ofSeconds(5), mock(ObjectProvider.class));
    }

    @Test
    void aPresentMarkerLeavesTheProjectionAlone() {
        when(redis.hasKey(MARKER)).thenReturn(true);
        assertThat(guard.check()).isFalse();
        verify(processor, never()).resetTokens();
    }

    @Test
    void aMissingMarkerReplaysTheProjectionAndWritesTheMarkerAfterTheReset() {
        when(redis.hasKey(MARKER)).thenReturn(false);
        assertThat(guard.check()).isTrue();
        InOrder order = inOrder(processor, values);
        order.verify(processor).shutDown();
        order.verify(processor).resetTokens();
        order.verify(values).set(eq(MARKER), anyString());
        order.verify(processor).start();
        assertThat(guard.rebuilds()).isEqualTo(1);
        assertThat(guard.lastRebuild()).isPresent();
    }

    @Test
    void anUnreachableRedisIsNoReasonToReplay() {
        when(redis.hasKey(MARKER)).thenThrow(new RedisConnectionFailureException("down"));
        assertThat(guard.check()).isFalse();
        verify(processor, never()).shutDown();
    }

    @Test
    void aFailedResetStartsTheProcessorAgainAndIsTriedAtTheNextCheck() {
        when(redis.hasKey(MARKER)).thenReturn(false);
        doThrow(new IllegalStateException("segment claimed by another instance")).when(processor).resetTokens();
        assertThat(guard.check()).isFalse();
        verify(processor).start();
        verify(values, never()).set(anyString(), anyString());
        assertThat(guard.rebuilds()).isZero();
    }

    @Test
    void theMarkerIsAKeyBesideTheHashNotAFieldOfIt() {
        assertThat(RedisHashGuard.markerKey(KEY)).isEqualTo(MARKER);
    }

    @Test
    void theMarkerLiesInTheHashsClusterSlotWhetherOrNotTheHashKeyHasAHashTag() {
        for (String hash : new String[] {KEY, "pnhub-it-x1:" + KEY, "{pnhub}:" + KEY, "a{b:" + KEY}) {
            assertThat(SlotHash.getSlot(RedisHashGuard.markerKey(hash))).as(hash).isEqualTo(SlotHash.getSlot(hash));
        }
        // without the tag the old marker name fell, as good as always, into another slot (and so onto another shard)
        assertThat(SlotHash.getSlot(LEGACY_MARKER)).isNotEqualTo(SlotHash.getSlot(KEY));
    }

    @Test
    void aHashKeyWhoseSlotNoOtherKeyCanShareIsRefused() {
        assertThatThrownBy(() -> RedisHashGuard.markerKey("a{}b:" + KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisHashGuard.markerKey("{}{x}:" + KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMarkerUnderTheOldNameIsTakenOverInsteadOfEmptyingTheHashForAReplay() {
        when(redis.hasKey(MARKER)).thenReturn(false);
        when(values.get(LEGACY_MARKER)).thenReturn("2026-01-01T00:00:00Z");
        assertThat(guard.check()).isFalse();
        verify(values).set(MARKER, "2026-01-01T00:00:00Z");
        verify(redis).delete(LEGACY_MARKER);
        verify(processor, never()).resetTokens();
    }
}
