package com.pnhub.simulator;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of one simulator instance.
 *
 * @param host            interface to bind, {@code 127.0.0.1} by default
 * @param port            TCP port, {@code 0} picks a free one
 * @param accessKeyId     the only AccessKeyId accepted
 * @param accessKeySecret its secret (requests are signed with {@code secret + "&"})
 * @param name            a label used in logs and thread names
 * @param zone            the zone in which {@code Expiration} strings are read (Aliyun uses Beijing time)
 */
public record SimulatorConfig(String host, int port, String accessKeyId, String accessKeySecret, String name, ZoneId zone) {

    public static final String DEFAULT_ACCESS_KEY_ID = "pnhub-sim";
    public static final String DEFAULT_ACCESS_KEY_SECRET = "pnhub-sim-secret";
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    public SimulatorConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        name = name == null || name.isBlank() ? "aliyun-sim" : name;
        zone = zone == null ? BEIJING : zone;
    }

    /** 127.0.0.1, a free port, the default key pair {@code pnhub-sim / pnhub-sim-secret}. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(null, 0, DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, null, null);
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(host, newPort, accessKeyId, accessKeySecret, name, zone);
    }

    public SimulatorConfig withHost(String newHost) {
        return new SimulatorConfig(newHost, port, accessKeyId, accessKeySecret, name, zone);
    }

    public SimulatorConfig withCredentials(String id, String secret) {
        return new SimulatorConfig(host, port, id, secret, name, zone);
    }

    public SimulatorConfig withName(String newName) {
        return new SimulatorConfig(host, port, accessKeyId, accessKeySecret, newName, zone);
    }

    public SimulatorConfig withZone(ZoneId newZone) {
        return new SimulatorConfig(host, port, accessKeyId, accessKeySecret, name, newZone);
    }

    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", accessKeyId=" + accessKeyId
                + ", accessKeySecret=****, name=" + name + ", zone=" + zone + "]";
    }
}
