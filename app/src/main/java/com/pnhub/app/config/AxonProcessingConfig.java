package com.pnhub.app.config;

import com.pnhub.api.metadata.MetadataKeys;
import com.pnhub.app.processing.ClusterPresence;
import com.pnhub.app.processing.PeerOutcomes;
import com.pnhub.app.processing.PromptEventStore;
import com.pnhub.app.processing.SagaRegistration;
import com.pnhub.app.processing.WithoutCorrelation;
import com.pnhub.command.operation.OperationOutcomes;
import com.pnhub.bridge.publish.EventPublisher;
import com.pnhub.query.blacklist.BlacklistProjection;
import com.pnhub.query.history.BindingIntervalsProjection;
import com.pnhub.query.numbers.NumberViewProjection;
import com.pnhub.query.redis.UserAxsProjection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.lifecycle.Phase;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How events are processed (ADR 0012). Processor modes, segments, threads and batch sizes are set in
 * application.yml; every streaming processor is pooled. Here:
 * <ul>
 *   <li>the event store ({@link PromptEventStore}) wakes a caught-up pooled processor when events arrive, from this
 *   instance or (by a PostgreSQL notification) from another, instead of letting it poll every 500 ms;</li>
 *   <li>each pooled processor holds at most its share of segments among the running instances
 *   ({@link ClusterPresence}); Axon releases the rest and the other instances claim them;</li>
 *   <li>operation outcomes are taken in the committing transaction (a subscribing processor) and travel to another
 *   instance only when its request waits for them ({@link PeerOutcomes});</li>
 *   <li>no handler error is ever logged and skipped (a projection that fails stops and retries with backoff instead
 *   of silently losing a row), and every event inherits its command's who/channel/request metadata, computed only where a handler may send a
 *   message ({@link WithoutCorrelation}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfig {

    /** Processors whose handlers write a read model or publish to the broker and dispatch no Axon message. */
    static final List<String> SENDING_NO_MESSAGES = List.of(NumberViewProjection.PROCESSING_GROUP,
            UserAxsProjection.PROCESSING_GROUP, BlacklistProjection.PROCESSING_GROUP,
            BindingIntervalsProjection.PROCESSING_GROUP, EventPublisher.PROCESSING_GROUP);

    /** After the processors (which stop at INBOUND_EVENT_CONNECTORS) and the store's relay (one below). */
    static final int PRESENCE_LEAVES = Phase.INBOUND_EVENT_CONNECTORS - 2;

    /** Events appended: a wake-up for the other instances' processors. */
    static final String EVENTS_CHANNEL = "pnhub_events";

    @Bean
    public CorrelationDataProvider requestMetadataProvider() {
        return WithoutCorrelation.outsideReadModels(new SimpleCorrelationDataProvider(MetadataKeys.OPERATOR,
                MetadataKeys.ADD_USER, MetadataKeys.LAST_USER, MetadataKeys.CHANNEL, MetadataKeys.REQUEST_ID, MetadataKeys.SOURCE));
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return WithoutCorrelation.outsideReadModels(new MessageOriginProvider());
    }

    /**
     * Axon's local query bus as Spring Boot's auto-configuration builds it, but with no transaction around a query:
     * every query handler here reads a read model with one statement (or one Redis command), and a transaction per
     * QueryAgentNumbers cost a BEGIN and a COMMIT round trip on the hottest call MIS makes.
     */
    @Bean
    @Qualifier("localSegment")
    public SimpleQueryBus queryBus(org.axonframework.config.Configuration configuration) {
        return SimpleQueryBus.builder()
                .messageMonitor(configuration.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(configuration.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(configuration.getComponent(QueryUpdateEmitter.class))
                .spanFactory(configuration.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    public ClusterPresence clusterPresence(DataSource dataSource, JdbcTemplate jdbc,
                                           @Value("${pnhub.processing.presence-interval:2s}") Duration interval) {
        return new ClusterPresence(dataSource, jdbc, interval);
    }

    /** Replaces Axon's default embedded store (same settings), under the same bean name. */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                         ClusterPresence presence) {
        PromptEventStore store = new PromptEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
        store.signalPeersWith(() -> {
            if (presence.instances() > 1) {
                presence.notify(EVENTS_CHANNEL, "");
            }
        });
        presence.onNotification(EVENTS_CHANNEL, ignored -> store.fetchNow());
        return store;
    }

    /** The sagas, each on its pooled processor, offered only the events their segment can hold an instance for. */
    @Bean
    public SagaRegistration sagaRegistration() {
        return new SagaRegistration();
    }

    @Bean
    public PeerOutcomes peerOutcomes(ClusterPresence presence) {
        return new PeerOutcomes(presence);
    }

    /**
     * Processor lifecycle across instances (ADR 0020). A graceful stop runs Axon's shutdown after the web server has
     * finished its requests: each processor's coordinator lets its work packages finish their batch and releases their
     * claims, and then this instance leaves the presence count, so the others take the segments over within a token
     * claim interval instead of after the claim timeout. Axon waits for each lifecycle phase only
     * {@code pnhub.processing.lifecycle-phase-timeout}: it must outlast the longest batch (a provider call is up to 7 s,
     * an unbind with its retries up to about 22 s), or the claims of a batch still running are released too late
     * (the connection pool is closed by then) and left to expire.
     * <p>
     * The coordinator extends the claims of work packages that are busy (a saga blocked in a provider call): a work
     * package extends its own claim only between batches, and a call longer than the claim timeout would let
     * another instance take the segment from a live one.
     */
    @Bean
    public ConfigurerModule eventProcessingPolicies(ClusterPresence presence, EventProcessorProperties processors,
                                                    PeerOutcomes peerOutcomes, OperationOutcomes outcomes,
                                                    @Value("${pnhub.processing.lifecycle-phase-timeout:25s}") Duration phaseTimeout) {
        peerOutcomes.deliverTo(outcomes);
        return configurer -> {
            configurer.configureLifecyclePhaseTimeout(phaseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            configurer.onShutdown(PRESENCE_LEAVES, presence::leave);
            configurer.eventProcessing(processing -> configureProcessing(processing, presence, processors));
        };
    }

    private static void configureProcessing(EventProcessingConfigurer processing, ClusterPresence presence,
                                            EventProcessorProperties processors) {
        SENDING_NO_MESSAGES.forEach(name -> processing.registerHandlerInterceptor(name, c -> WithoutCorrelation.marker()));
        processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessorConfiguration((c, builder) -> builder
                        .enableCoordinatorClaimExtension()
                        .maxSegmentProvider(name -> presence.shareOf(segments(processors, name))))
                .registerSubscribingEventProcessor(OperationOutcomes.PROCESSING_GROUP);
    }

    /** The processor's segment count as configured (Axon's default for a pooled processor is 16). */
    private static int segments(EventProcessorProperties processors, String name) {
        EventProcessorProperties.ProcessorSettings settings = processors.getProcessors().get(name);
        return settings == null || settings.getInitialSegmentCount() == null ? 16 : settings.getInitialSegmentCount();
    }
}
