package com.pnhub.bridge;

import com.pnhub.bridge.inbound.QueueListener;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/** The bridge's listener containers by queue name: for operations (and tests) that stop and start consumption. */
public class BridgeListeners {

    private final Map<String, SimpleMessageListenerContainer> byQueue;

    public BridgeListeners(List<SimpleMessageListenerContainer> containers) {
        this.byQueue = containers.stream().collect(Collectors.toMap(c -> ((QueueListener) c.getMessageListener()).queue(),
                Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    public SimpleMessageListenerContainer container(String queue) {
        SimpleMessageListenerContainer c = byQueue.get(queue);
        if (c == null) {
            throw new IllegalArgumentException("no listener for queue " + queue);
        }
        return c;
    }

    public Map<String, SimpleMessageListenerContainer> all() {
        return byQueue;
    }
}
