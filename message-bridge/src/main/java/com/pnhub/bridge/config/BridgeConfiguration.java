package com.pnhub.bridge.config;

import com.pnhub.api.rules.NumberRules;
import com.pnhub.bridge.BridgeListeners;
import com.pnhub.bridge.BridgeProperties;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.deadletter.DeadLetterActions;
import com.pnhub.bridge.deadletter.DeadLetterQueues;
import com.pnhub.bridge.inbound.AgentPhoneChangeHandler;
import com.pnhub.bridge.inbound.BridgeMetrics;
import com.pnhub.bridge.inbound.ClientUnbindHandler;
import com.pnhub.bridge.inbound.DeadLetterPublisher;
import com.pnhub.bridge.inbound.InboundHandler;
import com.pnhub.bridge.inbound.QueueListener;
import com.pnhub.bridge.inbound.SetBlackNumberHandler;
import com.pnhub.bridge.legacy.LegacyQueueRoutes;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import com.pnhub.bridge.publish.EventPublisher;
import com.pnhub.bridge.publish.LegacyMessageRoutes;
import com.pnhub.bridge.publish.PublisherMonitor;
import com.pnhub.command.gateway.AgentPhoneOperations;
import com.pnhub.command.gateway.BlacklistOperations;
import com.pnhub.command.gateway.ClientBindingOperations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RabbitMQ bridge (docs/messaging.md). Everything here is off with {@code pnhub.bridge.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "pnhub.bridge", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(BridgeProperties.class)
public class BridgeConfiguration {

    @Bean
    public Declarables bridgeDeclarables(BridgeProperties properties) {
        return new Declarables(BridgeTopology.declarables(properties.getQueueType(),
                properties.getListeners().getMaxDeliveries()));
    }

    /**
     * A connection of the bridge's own with simple publisher confirms, configured from {@code spring.rabbitmq.*}
     * like Boot's own (not a ConnectionFactory bean: Boot's stays the application's one).
     */
    @Bean
    public ConfirmedPublisher bridgePublisher(RabbitConnectionFactoryBeanConfigurer rabbitConfigurer,
                                              CachingConnectionFactoryConfigurer cachingConfigurer,
                                              BridgeProperties properties, ApplicationContext context) throws Exception {
        RabbitConnectionFactoryBean factoryBean = new RabbitConnectionFactoryBean();
        rabbitConfigurer.configure(factoryBean);
        factoryBean.afterPropertiesSet();
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory(factoryBean.getObject());
        cachingConfigurer.configure(connectionFactory);
        connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        connectionFactory.setPublisherReturns(false);
        connectionFactory.setConnectionNameStrategy(f -> "pnhub-bridge-publisher");
        RabbitAdmin admin = new RabbitAdmin(connectionFactory);
        admin.setApplicationContext(context);
        admin.afterPropertiesSet();
        return new ConfirmedPublisher(connectionFactory, admin, properties.getPublisher().getConfirmTimeout());
    }

    @Bean
    public LegacyMessageRoutes legacyMessageRoutes() {
        LegacyMessageRoutes routes = new LegacyMessageRoutes();
        LegacyQueueRoutes.registerAll(routes);
        return routes;
    }

    @Bean
    public EventPublisher rabbitEventPublisher(ConfirmedPublisher bridgePublisher, LegacyMessageRoutes routes,
                                               ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<MeterRegistry> meters) {
        return new EventPublisher(bridgePublisher, routes, jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Health component {@code publisher} and gauge {@code pnhub.publisher.lag}. */
    @Bean
    public PublisherMonitor publisherHealthIndicator(EventProcessingConfiguration processing, EventStore eventStore,
                                                     ObjectProvider<MeterRegistry> meters) {
        return new PublisherMonitor(processing, eventStore, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public BridgeMetrics bridgeMetrics(ObjectProvider<MeterRegistry> meters) {
        return new BridgeMetrics(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public DeadLetterPublisher deadLetterPublisher(ConfirmedPublisher bridgePublisher) {
        return new DeadLetterPublisher(bridgePublisher);
    }

    @Bean
    public DeadLetterActions deadLetterActions(JdbcTemplate jdbc) {
        return new DeadLetterActions(jdbc);
    }

    /** The dead-letter API's access to the DLQs, on the publisher's connection (its re-drives need confirms). */
    @Bean
    public DeadLetterQueues deadLetterQueues(ConfirmedPublisher bridgePublisher, DeadLetterActions actions,
                                             BridgeMetrics metrics) {
        return new DeadLetterQueues(bridgePublisher, actions, metrics, Clock.systemUTC());
    }

    @Bean
    public SetBlackNumberHandler setBlackNumberHandler(BlacklistOperations operations) {
        return new SetBlackNumberHandler(operations);
    }

    @Bean
    public AgentPhoneChangeHandler agentPhoneChangeHandler(AgentPhoneOperations operations, NumberRules rules) {
        return new AgentPhoneChangeHandler(operations, rules);
    }

    @Bean
    public ClientUnbindHandler clientUnbindHandler(ClientBindingOperations operations, NumberRules rules) {
        return new ClientUnbindHandler(operations, rules);
    }

    @Bean
    public SimpleMessageListenerContainer setBlackNumberListener(ConnectionFactory connectionFactory,
                                                                 SetBlackNumberHandler handler, DeadLetterPublisher dlq,
                                                                 BridgeProperties properties, BridgeMetrics metrics) {
        return container(connectionFactory, handler, dlq, properties, metrics);
    }

    @Bean
    public SimpleMessageListenerContainer agentPhoneChangeListener(ConnectionFactory connectionFactory,
                                                                   AgentPhoneChangeHandler handler, DeadLetterPublisher dlq,
                                                                   BridgeProperties properties, BridgeMetrics metrics) {
        return container(connectionFactory, handler, dlq, properties, metrics);
    }

    @Bean
    public SimpleMessageListenerContainer clientUnbindListener(ConnectionFactory connectionFactory,
                                                               ClientUnbindHandler handler, DeadLetterPublisher dlq,
                                                               BridgeProperties properties, BridgeMetrics metrics) {
        return container(connectionFactory, handler, dlq, properties, metrics);
    }

    @Bean
    public BridgeListeners bridgeListeners(List<SimpleMessageListenerContainer> containers) {
        return new BridgeListeners(containers.stream()
                .filter(c -> c.getMessageListener() instanceof QueueListener).toList());
    }

    /** A manual-ack container for one queue; public for tests that build one on a queue of their own. */
    public static SimpleMessageListenerContainer container(ConnectionFactory connectionFactory, InboundHandler<?> handler,
                                                           DeadLetterPublisher dlq, BridgeProperties properties,
                                                           BridgeMetrics metrics) {
        BridgeProperties.Listeners l = properties.getListeners();
        SimpleMessageListenerContainer c = new SimpleMessageListenerContainer(connectionFactory);
        c.setQueueNames(handler.queue());
        c.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        int concurrency = properties.concurrency(handler.queue(), handler.defaultConcurrency());
        c.setConcurrentConsumers(concurrency);
        c.setMaxConcurrentConsumers(concurrency);
        c.setPrefetchCount(l.getPrefetch());
        c.setAutoStartup(l.isAutoStartup());
        c.setShutdownTimeout(l.getShutdownTimeout().toMillis());
        c.setMissingQueuesFatal(false);
        c.setDefaultRequeueRejected(true);
        c.setMessageListener(new QueueListener(handler, dlq, l.getRetryBackoff(), l.getMaxDeliveries(), metrics));
        return c;
    }
}
