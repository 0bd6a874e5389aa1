package com.pnhub.simulated;

import com.pnhub.api.values.Platform;
import com.pnhub.simulator.ProviderSimulator;
import com.pnhub.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * One in-process simulator per platform, each with a fresh random key pair (no secret in the repo); in memory
 * ({@link #start()}, the tests') or each keeping its account in a file of a folder ({@link #start(Path, Map)}, the
 * Run command's).
 */
public final class ProviderSimulators implements AutoCloseable {

    private final Map<Platform, ProviderSimulator> byPlatform;

    private ProviderSimulators(Map<Platform, ProviderSimulator> byPlatform) {
        this.byPlatform = byPlatform;
    }

    /** In memory, each on a free port. */
    public static ProviderSimulators start() {
        return start(null, Map.of());
    }

    /**
     * @param stateDir where each keeps {@code <platform>.json}, e.g. {@code dongxin.json}; null: nowhere
     * @param ports    the port of a platform's simulator; a platform not in it (or 0) gets a free one
     */
    public static ProviderSimulators start(Path stateDir, Map<Platform, Integer> ports) {
        Map<Platform, ProviderSimulator> sims = new EnumMap<>(Platform.class);
        SecureRandom random = new SecureRandom();
        try {
            for (Platform p : Platform.values()) {
                byte[] secret = new byte[18];
                random.nextBytes(secret);
                String name = name(p);
                SimulatorConfig config = SimulatorConfig.defaults().withPort(ports.getOrDefault(p, 0)).withName(name)
                        .withCredentials("sim-" + name, HexFormat.of().formatHex(secret));
                sims.put(p, stateDir == null ? ProviderSimulator.start(config)
                        : ProviderSimulator.start(config, stateDir.resolve(name + ".json")));
            }
        } catch (RuntimeException e) {
            sims.values().forEach(ProviderSimulator::close);
            throw e;
        }
        return new ProviderSimulators(sims);
    }

    /** The platform's name as properties and files spell it: {@code dongxin}, {@code jiuyun}, {@code aliyun}. */
    public static String name(Platform platform) {
        return platform.name().toLowerCase(Locale.ROOT);
    }

    public ProviderSimulator of(Platform platform) {
        return byPlatform.get(platform);
    }

    /** Where each platform's simulator answers, {@code http://host:port}, in platform order. */
    public Map<Platform, String> endpoints() {
        Map<Platform, String> endpoints = new EnumMap<>(Platform.class);
        byPlatform.forEach((platform, sim) -> endpoints.put(platform, "http://" + sim.endpoint()));
        return endpoints;
    }

    /** The service's provider settings pointed at the simulators. */
    public Map<String, Object> springProperties() {
        Map<String, Object> props = new HashMap<>();
        byPlatform.forEach((platform, sim) -> {
            String prefix = "pnhub.providers." + name(platform) + ".";
            props.put(prefix + "endpoint", "http://" + sim.endpoint());
            props.put(prefix + "access-key-id", sim.config().accessKeyId());
            props.put(prefix + "access-key-secret", sim.config().accessKeySecret());
        });
        // the simulators speak plain HTTP on loopback
        props.put("pnhub.provider-endpoints.allow-plain-http", "true");
        return props;
    }

    @Override
    public void close() {
        byPlatform.values().forEach(ProviderSimulator::close);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        byPlatform.forEach((p, s) -> sb.append(p).append('@').append(s.endpoint()).append(' '));
        return sb.toString().trim();
    }
}
