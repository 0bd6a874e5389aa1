package com.pnhub.bridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

class QueueListenerTest {

    @Test
    void canCountDeliveriesFromAQuorumQueuesHeaderAndNotFromAClassicOne() {
        MessageProperties redelivered = new MessageProperties();
        redelivered.setHeader("x-delivery-count", 4L);
        assertThat(QueueListener.brokerDelivery(new Message(new byte[0], redelivered))).isEqualTo(5);
        assertThat(QueueListener.brokerDelivery(new Message(new byte[0], new MessageProperties()))).isZero();
    }
}
