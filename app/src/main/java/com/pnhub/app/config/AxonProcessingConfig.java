package com.pnhub.app.config;

import com.pnhub.api.metadata.MetadataKeys;
import com.pnhub.app.local.SimulatorPoolFeeder;
import com.pnhub.command.operation.OperationOutcomes;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How events are processed. Processor modes, segments and threads are set in application.yml; here:
 * no handler error is ever logged and skipped (a projection that fails stops and retries with backoff
 * instead of silently losing a row), every event inherits its command's who/channel/request metadata, and
 * every instance learns every operation's outcome.
 */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfig {

    @Bean
    public CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.OPERATOR, MetadataKeys.ADD_USER, MetadataKeys.LAST_USER,
                MetadataKeys.CHANNEL, MetadataKeys.REQUEST_ID);
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public ConfigurerModule eventProcessingPolicies() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                // every instance must see every outcome: the saga that confirms an operation may run on another
                // instance than the request waiting for it, and a subscribing processor sees only this process's
                // events; so each instance streams the whole store from its head, keeping its position in memory.
                // Tracking, not pooled: a caught-up pooled processor looks for events every 500 ms, which every
                // legacy request would wait for; a tracking one is woken by the commit
                .registerTokenStore(OperationOutcomes.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                .registerTrackingEventProcessor(OperationOutcomes.PROCESSING_GROUP, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerSubscribingEventProcessor(SimulatorPoolFeeder.PROCESSING_GROUP));
    }
}
