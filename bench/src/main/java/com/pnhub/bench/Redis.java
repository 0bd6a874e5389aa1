package com.pnhub.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** One multiplexed Lettuce connection: safe to share between the load threads. */
final class Redis implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    Redis(String host, int port) {
        client = RedisClient.create(RedisURI.create(host, port));
        connection = client.connect();
    }

    RedisCommands<String, String> sync() {
        return connection.sync();
    }

    String hget(String key, String field) {
        return connection.sync().hget(key, field);
    }

    void delete(String key) {
        connection.sync().del(key);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
