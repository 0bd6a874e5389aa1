package com.pnhub.app.config;

import com.pnhub.api.metadata.MetadataKeys;
import com.pnhub.app.local.SimulatorPoolFeeder;
import com.pnhub.command.operation.OperationOutcomes;
import com.pnhub.query.redis.UserAxsProjection;
import com.pnhub.api.numbers.AxBindingRejectedEvent;
import com.pnhub.api.numbers.AxBoundEvent;
import com.pnhub.api.numbers.NumberReleasedEvent;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How events are processed. Processor modes, segments and threads are set in application.yml; here:
 * no handler error is ever logged and skipped (a projection that fails stops and retries with backoff
 * instead of silently losing a row), every event inherits its command's who/channel/request metadata,
 * and the Redis hash is sequenced per user.
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
                .registerSubscribingEventProcessor(OperationOutcomes.PROCESSING_GROUP)
                .registerSubscribingEventProcessor(SimulatorPoolFeeder.PROCESSING_GROUP)
                .registerSequencingPolicy(UserAxsProjection.PROCESSING_GROUP, c -> AxonProcessingConfig::userSequence));
    }

    /**
     * Events of one user stay in order even when they belong to different numbers (a user who gives up
     * one number and takes another); other events fall back to their aggregate.
     */
    static Object userSequence(EventMessage<?> event) {
        Object payload = event.getPayload();
        String userId = null;
        if (payload instanceof AxBoundEvent e) {
            userId = e.userId();
        } else if (payload instanceof AxBindingRejectedEvent e) {
            userId = e.userId();
        } else if (payload instanceof NumberReleasedEvent e) {
            userId = e.userId();
        }
        return userId != null ? "user:" + userId : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
