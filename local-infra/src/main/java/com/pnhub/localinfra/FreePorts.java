package com.pnhub.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Picks free loopback TCP ports, never one of the well-known ports real servers use on dev machines. */
final class FreePorts {

    /** PostgreSQL, Redis, AMQP, HTTP and AMQPS/management ports of real servers: never hand these out. */
    private static final Set<Integer> RESERVED = Set.of(5432, 6379, 5671, 5672, 8080, 15672);

    /** Ports handed out by this JVM recently, so that parallel starts don't pick the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    static int pick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free TCP port", e);
            }
            if (!RESERVED.contains(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("cannot find a free TCP port");
    }

    static void release(int port) {
        HANDED_OUT.remove(port);
    }
}
