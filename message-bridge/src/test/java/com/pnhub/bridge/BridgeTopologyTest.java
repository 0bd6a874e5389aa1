package com.pnhub.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;

class BridgeTopologyTest {

    @Test
    void canDeclareClassicQueuesWithoutArgumentsForTheEmbeddedBroker() {
        assertThat(queues(BridgeTopology.QueueType.CLASSIC)).allSatisfy(q -> assertThat(q.getArguments()).isEmpty());
    }

    @Test
    void canDeclareEveryLegacyQueueAndDlqAsAQuorumQueueThatDeadLettersByItsDeliveryLimit() {
        Map<String, Queue> byName = byName(queues(BridgeTopology.QueueType.QUORUM));
        assertThat(byName.values()).allSatisfy(q -> assertThat(q.getArguments()).containsEntry("x-queue-type", "quorum"));
        Queue mq173 = byName.get(BridgeTopology.MQ173_SET_BLACK_NUMBER);
        assertThat(mq173.getArguments()).containsEntry("x-delivery-limit", 20).containsEntry("x-dead-letter-exchange", "")
                .containsEntry("x-dead-letter-routing-key", BridgeTopology.dlq(BridgeTopology.MQ173_SET_BLACK_NUMBER))
                .containsEntry("x-dead-letter-strategy", "at-least-once").containsEntry("x-overflow", "reject-publish");
        assertThat(byName.get(BridgeTopology.MQ175_GET_PHONE_WRITE_LOG).getArguments())
                .as("another team consumes MQ175: no dead-lettering of ours").doesNotContainKey("x-dead-letter-exchange");
        assertThat(byName.get(BridgeTopology.dlq(BridgeTopology.MQ173_SET_BLACK_NUMBER)).getArguments())
                .doesNotContainKey("x-delivery-limit");
    }

    private static List<Queue> queues(BridgeTopology.QueueType type) {
        List<Declarable> all = BridgeTopology.declarables(type, 20);
        return all.stream().filter(Queue.class::isInstance).map(Queue.class::cast).toList();
    }

    private static Map<String, Queue> byName(List<Queue> queues) {
        return queues.stream().collect(java.util.stream.Collectors.toMap(Queue::getName, q -> q));
    }
}
