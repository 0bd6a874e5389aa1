package com.pnhub.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The redis-server bundled in {@code com.github.codemonstur:embedded-redis}, started by its {@link RedisServer} on
 * 127.0.0.1 with protected mode and a password made for this start (any user of the machine can reach loopback), and no
 * persistence. embedded-redis registers a JVM shutdown hook per server, which stops it if {@link #close()} was not called.
 */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger REDIS_LOG = LoggerFactory.getLogger("com.pnhub.localinfra.redis");

    static final String HOST = "127.0.0.1";

    private final RedisServer server;
    private final int port;
    private final String password;

    private EmbeddedRedis(RedisServer server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    /** On {@code port}, or on a free one when it is 0. */
    static EmbeddedRedis start(int fixedPort) {
        int port = fixedPort > 0 ? fixedPort : FreePorts.pick();
        String password = OsSupport.randomSecret();
        try {
            // the settings go to a config file embedded-redis makes with Files.createTempFile: readable by this user only
            RedisServer server = RedisServer.newRedisServer()
                    .bind(HOST)
                    .port(port)
                    .setting("protected-mode yes")
                    .setting("requirepass " + password)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    // both streams are read to their end: a full pipe would stop the server
                    .soutListener(REDIS_LOG::debug)
                    .serrListener(REDIS_LOG::warn)
                    .build();
            server.start();
            return new EmbeddedRedis(server, port, password);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded redis-server did not start on port " + port, e);
        } finally {
            if (fixedPort <= 0) {
                FreePorts.release(port);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded redis-server on port " + port, e);
        }
    }
}
