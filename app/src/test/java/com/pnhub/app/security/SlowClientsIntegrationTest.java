package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The outside probe's slow client: many connections from one address that send a request body a byte at a time.
 * They must not take the service from everyone else: liveness and QueryAgentNumbers keep answering promptly.
 */
@IntegrationTest
class SlowClientsIntegrationTest extends IntegrationTestProperties {

    /** Another loopback address than the tests' own 127.0.0.1: the slow client is somebody else. */
    private static final String SLOW_CLIENT = "127.0.0.2";
    private static final int CONNECTIONS = 240;

    @LocalServerPort
    int port;

    @Test
    void cannotStarveOtherCallersBySendingBodiesAByteAtATime() throws Exception {
        AtomicBoolean trickling = new AtomicBoolean(true);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(SLOW_CLIENT, 0));
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                sockets.add(s);
                String path = i % 2 == 0 ? "/api/v1/numbers" : Http.HUB + "SetBlackNumber";
                OutputStream out = s.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            // one thread trickles for all: a byte on every connection every two seconds
            Thread trickler = new Thread(() -> {
                while (trickling.get()) {
                    for (Socket s : sockets) {
                        try {
                            s.getOutputStream().write(' ');
                            s.getOutputStream().flush();
                        } catch (IOException e) {
                            // the service closed it: what it should do to a client this slow
                        }
                    }
                    try {
                        TimeUnit.SECONDS.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "slow-client");
            trickler.setDaemon(true);
            trickler.start();
            Thread.sleep(3000);
            Http http = new Http(port);
            for (int round = 0; round < 5; round++) {
                long started = System.nanoTime();
                assertThat(Http.anonymous(port).method("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
                assertThat(http.hub("QueryAgentNumbers", "userid", "1").get("ResultCode").asInt()).isEqualTo(2000);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(millis).as("liveness and QueryAgentNumbers, round " + round).isLessThan(2000);
                Thread.sleep(1000);
            }
        } finally {
            trickling.set(false);
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
