package com.pnhub.app.config;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SegmentBalancerTest {

    private final DataSource dataSource = mock(DataSource.class);
    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final PooledStreamingEventProcessor numberView = mock(PooledStreamingEventProcessor.class);
    private final SegmentBalancer balancer = new SegmentBalancer(dataSource, jdbc, processing, Duration.ofSeconds(3));

    @BeforeEach
    void oneProcessorWithFourSegmentsAllHeldHere() throws Exception {
        Connection presence = mock(Connection.class, RETURNS_DEEP_STUBS);
        when(presence.isValid(anyInt())).thenReturn(true);
        when(dataSource.getConnection()).thenReturn(presence);
        when(processing.eventProcessors()).thenReturn(Map.<String, EventProcessor>of("number-view", numberView));
        when(numberView.isRunning()).thenReturn(true);
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(numberView.processingStatus()).thenReturn(Map.of(0, status, 1, status, 2, status, 3, status));
        when(jdbc.queryForObject(anyString(), eq(Integer.class), eq("number-view"))).thenReturn(4);
    }

    private void instances(int count) {
        when(jdbc.queryForObject(anyString(), eq(Integer.class), eq(SegmentBalancer.PRESENCE_PREFIX + "%"))).thenReturn(count);
    }

    @Test
    void aLoneInstanceKeepsEverySegment() throws Exception {
        instances(1);

        balancer.balance();

        assertReleased();
    }

    @Test
    void withTwoInstancesTheSegmentsBeyondHalfAreReleased() throws Exception {
        instances(2);

        balancer.balance();

        assertReleased(2, 3);
    }

    @Test
    void withThreeInstancesAnInstanceKeepsItsRoundedUpShare() throws Exception {
        instances(3);

        balancer.balance();

        assertReleased(2, 3);
    }

    private void assertReleased(Integer... segments) {
        List<Integer> released = List.of(segments);
        for (int segment = 0; segment < 4; segment++) {
            verify(numberView, released.contains(segment) ? times(1) : never())
                    .releaseSegment(eq(segment), anyLong(), eq(TimeUnit.MILLISECONDS));
        }
    }
}
