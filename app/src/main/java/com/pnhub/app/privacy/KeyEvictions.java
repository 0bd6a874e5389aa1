package com.pnhub.app.privacy;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Tells every instance at once that a key was destroyed, over a Redis channel, so that none keeps decrypting with
 * its cached copy. Best effort: an instance that misses the message (Redis away, just starting) forgets the key when
 * its cache entry expires ({@code pnhub.privacy.key-cache-ttl}).
 */
public class KeyEvictions implements AutoCloseable {

    static final String CHANNEL = "pnhub:privacy:destroyed-keys";
    private static final Logger log = LoggerFactory.getLogger(KeyEvictions.class);

    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer listener;

    public KeyEvictions(RedisConnectionFactory connections, PersonalDataKeys keys) {
        this.redis = new StringRedisTemplate(connections);
        this.listener = new RedisMessageListenerContainer();
        listener.setConnectionFactory(connections);
        listener.addMessageListener((message, pattern) -> {
            try {
                keys.evict(UUID.fromString(new String(message.getBody(), java.nio.charset.StandardCharsets.US_ASCII)));
            } catch (IllegalArgumentException e) {
                log.warn("a message on {} is not a key id", CHANNEL);
            }
        }, new ChannelTopic(CHANNEL));
        listener.afterPropertiesSet();
        listener.start();
        keys.onDestroyed(this::tellOthers);
    }

    private void tellOthers(UUID keyId) {
        try {
            redis.convertAndSend(CHANNEL, keyId.toString());
        } catch (RuntimeException e) {
            log.warn("the other instances were not told of destroyed key {} ({}); they forget it within the key cache's"
                    + " time to live", keyId, e.toString());
        }
    }

    @Override
    public void close() throws Exception {
        listener.stop();
        listener.destroy();
    }
}
