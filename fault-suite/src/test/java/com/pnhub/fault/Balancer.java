package com.pnhub.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test's load balancer in front of several service instances, doing what a real one does and no more:
 * <ul>
 *   <li>it probes each instance's {@code /actuator/health/readiness} every {@link #PROBE_PERIOD} and sends nothing to
 *   one that is not UP (or does not answer the probe);</li>
 *   <li>requests go round-robin over the instances in service;</li>
 *   <li>a request refused at connect time (nothing listens, or the connect timed out) reached no service: it is
 *   sent to the next instance, and the refusing one is out until its next good probe. Any other failure (a reset,
 *   a timeout after the request was written, a 5xx) may have reached a service and is returned as it is, never
 *   retried.</li>
 * </ul>
 * Each request has a connection of its own ({@code Connection: close}). The JDK's HTTP client, which pools
 * connections, sends a GET again by itself when a pooled connection breaks before the answer, to the same port: after
 * a kill that second try is refused at connect, and the balancer would take for refused a request that had reached
 * the killed instance.
 */
final class Balancer implements AutoCloseable {

    static final Duration PROBE_PERIOD = Duration.ofMillis(250);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** How long a request looks for an instance in service before it gives up (no request is lost to a short gap). */
    private static final Duration NO_INSTANCE_WAIT = Duration.ofSeconds(20);

    /** An answer and the instance that gave it. */
    record Routed(int instance, Web.Answer answer) {
    }

    /** A request that failed on {@code instance} after it may have reached it. */
    static final class Failed extends IOException {
        final int instance;

        Failed(int instance, IOException cause) {
            super(String.valueOf(cause.getMessage()), cause);
            this.instance = instance;
        }
    }

    /** A change of an instance's state as the balancer saw it. */
    record Transition(int instance, boolean inService, Instant at) {
    }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(40);

    private final List<FaultWorld.Service> services;
    private final boolean[] inService;
    private final HttpClient probeClient = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong refusedAndRetried = new AtomicLong();
    private final List<Transition> transitions = Collections.synchronizedList(new ArrayList<>());
    private final Thread prober;
    private volatile boolean running = true;

    Balancer(List<FaultWorld.Service> services) {
        this.services = List.copyOf(services);
        this.inService = new boolean[services.size()];
        prober = new Thread(this::probeLoop, "balancer-probes");
        prober.setDaemon(true);
        prober.start();
    }

    /** GET {@code path} (from the service root) on the next instance in service. */
    Routed get(String path) throws IOException {
        long deadline = System.nanoTime() + NO_INSTANCE_WAIT.toNanos();
        while (true) {
            int instance = pick();
            if (instance < 0) {
                if (System.nanoTime() > deadline) {
                    throw new ConnectException("no instance in service for " + NO_INSTANCE_WAIT.toSeconds() + " s");
                }
                Waits.sleep(50);
                continue;
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", services.get(instance).port()), (int) CONNECT_TIMEOUT.toMillis());
            } catch (IOException refused) {
                socket.close();
                // nothing was sent: the next instance takes it, this one is out until a probe says otherwise
                refusedAndRetried.incrementAndGet();
                markOut(instance);
                continue;
            }
            try (socket) {
                return new Routed(instance, exchange(socket, path));
            } catch (IOException e) {
                throw new Failed(instance, e);
            }
        }
    }

    /** One HTTP/1.0 GET on a connected socket, the answer read to the end of the stream. */
    private static Web.Answer exchange(Socket socket, String path) throws IOException {
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        String request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: " + Web.authorization()
                + "\r\nConnection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int headersEnd = response.indexOf("\r\n\r\n");
        String[] statusLine = response.split(" ", 3);
        if (headersEnd < 0 || statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("no complete answer (" + response.length() + " bytes)");
        }
        return new Web.Answer(Integer.parseInt(statusLine[1]), response.substring(headersEnd + 4));
    }

    /** Requests refused at connect time and sent to another instance. */
    long refusedAndRetried() {
        return refusedAndRetried.get();
    }

    List<Transition> transitions() {
        synchronized (transitions) {
            return List.copyOf(transitions);
        }
    }

    /** The first time at or after {@code since} the balancer took {@code instance} out of service. */
    Instant takenOutAfter(int instance, Instant since) {
        return transitions().stream().filter(t -> t.instance() == instance && !t.inService() && !t.at().isBefore(since))
                .map(Transition::at).findFirst().orElse(null);
    }

    synchronized boolean inService(int instance) {
        return inService[instance];
    }

    private synchronized int pick() {
        for (int i = 0; i < services.size(); i++) {
            int candidate = Math.floorMod(next.getAndIncrement(), services.size());
            if (inService[candidate]) {
                return candidate;
            }
        }
        return -1;
    }

    private synchronized void markOut(int instance) {
        if (inService[instance]) {
            inService[instance] = false;
            transitions.add(new Transition(instance, false, Instant.now()));
        }
    }

    private synchronized void markIn(int instance) {
        if (!inService[instance]) {
            inService[instance] = true;
            transitions.add(new Transition(instance, true, Instant.now()));
        }
    }

    private void probeLoop() {
        while (running) {
            long started = System.nanoTime();
            for (int i = 0; i < services.size() && running; i++) {
                if (ready(i)) {
                    markIn(i);
                } else {
                    markOut(i);
                }
            }
            long rest = PROBE_PERIOD.toMillis() - (System.nanoTime() - started) / 1_000_000;
            if (rest > 0) {
                try {
                    Thread.sleep(rest);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private boolean ready(int instance) {
        try {
            Web.Answer a = Web.get(probeClient, services.get(instance).url("/actuator/health/readiness"), PROBE_PERIOD.multipliedBy(4));
            return a.status() == 200 && a.body().contains("\"UP\"");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        prober.interrupt();
    }
}
