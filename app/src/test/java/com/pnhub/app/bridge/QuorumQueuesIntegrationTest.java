package com.pnhub.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pnhub.api.values.Platform;
import com.pnhub.simulated.ProviderSimulators;
import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestInfrastructure;
import com.pnhub.bridge.BridgeProperties;
import com.pnhub.bridge.BridgeTopology;
import com.pnhub.bridge.config.BridgeConfiguration;
import com.pnhub.bridge.deadletter.DeadLetter;
import com.pnhub.bridge.deadletter.DeadLetterActions;
import com.pnhub.bridge.deadletter.DeadLetterQueues;
import com.pnhub.bridge.inbound.BridgeMetrics;
import com.pnhub.bridge.inbound.DeadLetterPublisher;
import com.pnhub.bridge.inbound.SetBlackNumberHandler;
import com.pnhub.bridge.publish.ConfirmedPublisher;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.JsonNode;

/**
 * The legacy queues as the prod profile declares them ({@code pnhub.bridge.queue-type=quorum}) on this machine's
 * RabbitMQ, in a virtual host of the test's own (the other tests hold the classic queues of the same names on
 * {@code /}, and a queue cannot be declared again with other arguments). The bridge's connection is made the way
 * the service makes it (Boot's configurers, {@code spring.rabbitmq.addresses} with a dead first address); the
 * production listener consumes MQ173 into the running service; a bad message is dead-lettered with its reason; a
 * message whose consumer never settles it is dead-lettered by the broker's own delivery limit, listed with the
 * broker's reason, and re-driven without the broker's delivery count.
 */
@IntegrationTest
class QuorumQueuesIntegrationTest extends IntegrationTestProperties {

    private static final String MQ173 = BridgeTopology.MQ173_SET_BLACK_NUMBER;
    private static final int DELIVERY_LIMIT = 3;
    private static final String VHOST = "pnhub-quorum-" + Long.toString(System.currentTimeMillis(), 36);

    @LocalServerPort
    int port;
    @Autowired
    SetBlackNumberHandler setBlackNumber;
    @Autowired
    DeadLetterActions actions;
    @Autowired
    ProviderSimulators simulators;

    private GenericApplicationContext topology;
    private ConfirmedPublisher publisher;
    private SimpleMessageListenerContainer listener;
    private Connection client;
    private Channel channel;

    @BeforeAll
    static void aVirtualHostOfOurOwn() throws Exception {
        assumeTrue(TestInfrastructure.get().amqpReal(), "quorum queues need a real RabbitMQ; the embedded broker has none");
        assumeTrue(rabbitmqctl("add_vhost", VHOST) == 0, "rabbitmqctl cannot reach the machine's RabbitMQ");
        assertThat(rabbitmqctl("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*")).isZero();
    }

    @AfterAll
    static void dropIt() throws Exception {
        if (TestInfrastructure.get().amqpReal()) {
            rabbitmqctl("delete_vhost", VHOST);
        }
    }

    @BeforeEach
    void theBridgeOnQuorumQueues() throws Exception {
        BridgeProperties bridge = new BridgeProperties();
        bridge.setQueueType(BridgeTopology.QueueType.QUORUM);
        bridge.getListeners().setMaxDeliveries(DELIVERY_LIMIT);
        bridge.getListeners().setRetryBackoff(List.of(Duration.ofMillis(50)));
        bridge.getListeners().setShutdownTimeout(Duration.ofMillis(300));
        bridge.getListeners().setAutoStartup(false);

        RabbitProperties rabbit = new RabbitProperties();
        // the first node of the "cluster" is down: the client goes on to the next, as on a cluster with a node lost
        rabbit.setAddresses(List.of("127.0.0.1:" + deadPort(), "127.0.0.1:5672"));
        rabbit.setVirtualHost(VHOST);
        rabbit.setUsername("guest");
        rabbit.setPassword("guest");
        // what RabbitAdmin declares: this test's topology only, as BridgeConfiguration's bean would have it in prod
        topology = new GenericApplicationContext();
        topology.registerBean(Declarables.class, () -> new BridgeConfiguration().bridgeDeclarables(bridge));
        topology.refresh();
        publisher = new BridgeConfiguration().bridgePublisher(
                new RabbitConnectionFactoryBeanConfigurer(new DefaultResourceLoader(), rabbit),
                new CachingConnectionFactoryConfigurer(rabbit), bridge, topology);
        publisher.declareTopology();
        listener = BridgeConfiguration.container(publisher.connectionFactory(), setBlackNumber,
                new DeadLetterPublisher(publisher), bridge, new BridgeMetrics(new SimpleMeterRegistry()));
        listener.afterPropertiesSet();

        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setVirtualHost(VHOST);
        factory.setUsername("guest");
        factory.setPassword("guest");
        client = factory.newConnection("quorum-it-client");
        channel = client.createChannel();
    }

    @AfterEach
    void stop() throws Exception {
        if (listener != null) {
            listener.stop();
        }
        if (client != null) {
            client.close();
        }
        if (publisher != null) {
            publisher.destroy();
        }
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void canConsumeAQuorumQueueAndDeadLetterABadMessageWithItsReason() throws Exception {
        Http http = new Http(port);
        assertThatThrownBy(() -> client.createChannel().queueDeclare(MQ173, true, false, false, null))
                .as("declared as a quorum queue: a classic declaration of the same name is refused")
                .isInstanceOf(IOException.class);
        http.method("POST", "/api/v1/numbers", Http.toJson(List.of(
                Map.of("number", TestData.virtualNumber(), "platform", 3, "poolId", 17, "regionId", 1))));
        listener.start();

        String b = TestData.realNumber();
        publish("{\"platId\": 3, \"private_number\": \"" + b + "\", \"action\": \"add\", \"userid\": \"74705\", \"type\": 1}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode list = http.getRaw("/api/v1/blacklist?platform=3&number=" + b).json();
            assertThat(list.size()).isEqualTo(1);
            assertThat(simulators.of(Platform.ALIYUN).blacklist()).anyMatch(e -> e.blackNo().equals(b));
        });

        String bad = publish("{\"platId\": 3, \"private_number\": \"" + b + "\", \"action\": \"block\", \"userid\": \"74705\", \"type\": 1}");
        DeadLetter letter = await().atMost(Duration.ofSeconds(20))
                .until(() -> find(bad), l -> l != null);
        assertThat(letter.reason()).contains("action");
        assertThat(letter.errorCode()).isNotBlank();
    }

    @Test
    void canLetTheBrokerDeadLetterAMessageItsConsumersNeverSettleAndRedriveItWithoutTheBrokersCount() throws Exception {
        String id = publish("{\"platId\": 3, \"private_number\": \"" + TestData.realNumber()
                + "\", \"action\": \"add\", \"userid\": \"74705\", \"type\": 1}");
        // a consumer that dies on the message each time: no ack, back to the queue, delivery after delivery
        int deliveries = 0;
        for (GetResponse r; (r = channel.basicGet(MQ173, false)) != null && deliveries < 50; deliveries++) {
            channel.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
        }
        assertThat(deliveries).as("the broker's delivery limit, then no more").isEqualTo(DELIVERY_LIMIT + 1);

        DeadLetter letter = await().atMost(Duration.ofSeconds(10)).until(() -> find(id), l -> l != null);
        assertThat(letter.reason()).isEqualTo("dead-lettered by the broker (delivery_limit) from " + MQ173);
        assertThat(letter.failedAt()).isNotBlank();

        assertThat(queues().redrive(MQ173, letter.id(), "quorum-it")).isPresent();
        GetResponse back = await().atMost(Duration.ofSeconds(10)).until(() -> channel.basicGet(MQ173, true), r -> r != null);
        assertThat(back.getProps().getMessageId()).isEqualTo(id);
        assertThat(back.getProps().getHeaders()).containsKey(DeadLetter.REDRIVEN_AT).doesNotContainKey("x-death");
        // the broker counts afresh in the queue it came back to (it may say 0 itself), not on from the stale count
        assertThat(((Number) back.getProps().getHeaders().getOrDefault("x-delivery-count", 0L)).longValue()).isZero();
    }

    private String publish(String body) throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
        String id = UUID.randomUUID().toString();
        channel.confirmSelect();
        channel.basicPublish(BridgeTopology.SERVICE_EXCHANGE, MQ173, new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).messageId(id).build(), body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
        return id;
    }

    private DeadLetter find(String messageId) {
        return queues().peek(MQ173, 100).stream().filter(l -> messageId.equals(l.properties().getMessageId()))
                .findFirst().orElse(null);
    }

    private DeadLetterQueues queues() {
        return new DeadLetterQueues(publisher, actions, new BridgeMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return -1;
        }
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
