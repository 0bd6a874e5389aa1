package com.pnhub.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} shows the production layout the fault suite proves (docs/operations.md): three
 * instances behind a load balancer that asks their readiness, a three-node RabbitMQ cluster with quorum queues,
 * Redis with a replica and sentinels, PostgreSQL. The build machine has no Docker engine, so the layout is checked
 * here as data, and by {@code docker compose config} wherever the docker CLI has compose.
 */
class ComposeFileTest {

    private static final Path COMPOSE = RepositoryFiles.find(Path.of("docker-compose.yml"));
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");

    private final String text = read(COMPOSE);
    private final Map<String, Map<String, Object>> services = services(text);

    @Test
    void canShowThreeInstancesOfTheProdProfileBehindALoadBalancerThatAsksTheirReadiness() {
        List<String> instances = services.entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("pnhub:")).map(Map.Entry::getKey).toList();
        assertThat(instances).containsExactly("pnhub-1", "pnhub-2", "pnhub-3");
        for (String instance : instances) {
            assertThat(environment(instance)).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
            assertThat(services.get(instance)).as(instance + " publishes no port: every request comes through lb")
                    .doesNotContainKey("ports");
            assertThat(String.valueOf(services.get(instance).get("healthcheck"))).contains("/actuator/health/readiness");
        }
        String haproxy = config("haproxy");
        assertThat(haproxy).contains("balance roundrobin", "option httpchk GET /actuator/health/readiness", "option forwardfor");
        for (String instance : instances) {
            assertThat(haproxy).contains("server " + instance + " " + instance + ":8080 check");
        }
        assertThat(String.valueOf(services.get("lb").get("ports"))).contains("8080:8080");
    }

    @Test
    void canReachEveryRabbitMqNodeAndDeclareQuorumQueuesOnACluster() {
        Map<String, String> env = environment("pnhub-1");
        List<String> nodes = hosts(env.get("SPRING_RABBITMQ_ADDRESSES"));
        assertThat(nodes).hasSize(3);
        String cluster = config("rabbitmq-cluster");
        for (String node : nodes) {
            assertThat(services).containsKey(node);
            assertThat(services.get(node).get("hostname")).isEqualTo(node);
            assertThat(cluster).contains("rabbit@" + node);
        }
        assertThat(cluster).contains("quorum_queue.initial_cluster_size = 3");
        assertThat(env).containsEntry("PNHUB_BRIDGE_QUEUE_TYPE", "quorum");
    }

    @Test
    void canFindTheRedisPrimaryThroughSentinelsThatWatchIt() {
        Map<String, String> env = environment("pnhub-1");
        assertThat(env).doesNotContainKeys("SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT");
        List<String> sentinels = hosts(env.get("SPRING_DATA_REDIS_SENTINEL_NODES"));
        assertThat(sentinels).hasSize(3).allSatisfy(s -> assertThat(services).containsKey(s));
        String master = env.get("SPRING_DATA_REDIS_SENTINEL_MASTER");
        Matcher monitor = Pattern.compile("sentinel monitor " + master + " (\\S+) 6379 (\\d+)").matcher(config("redis-sentinel"));
        assertThat(monitor.find()).as("the sentinels monitor the master the service asks for").isTrue();
        assertThat(services).containsKey(monitor.group(1));
        assertThat(Integer.parseInt(monitor.group(2))).as("a quorum of the sentinels").isEqualTo(sentinels.size() / 2 + 1);
        assertThat(String.valueOf(services.get("redis-replica").get("command"))).contains("--replicaof, " + monitor.group(1));
    }

    @Test
    void cannotHoldASecretAndNamesEveryVariableItNeeds() {
        Set<String> required = requiredVariables();
        assertThat(required).contains("POSTGRES_PASSWORD", "RABBITMQ_PASSWORD", "RABBITMQ_ERLANG_COOKIE");
        String header = text.substring(0, text.indexOf("\nname:"));
        assertThat(required).allSatisfy(v -> assertThat(header).as("the header names " + v).contains(v));
        for (String service : services.keySet()) {
            environment(service).forEach((name, value) -> {
                if (name.matches(".*(PASSWORD|SECRET|COOKIE).*")) {
                    assertThat(value).as(service + " " + name + " comes from the environment").startsWith("${");
                }
            });
        }
    }

    @Test
    void canBeReadByDockerCompose() throws Exception {
        assumeTrue(run(List.of("docker", "compose", "version"), Map.of()) == 0,
                "the docker CLI here has no compose: the layout is checked as data only");
        Map<String, String> env = new LinkedHashMap<>();
        requiredVariables().forEach(v -> env.put(v, "compose-file-test"));
        assertThat(run(List.of("docker", "compose", "-f", COMPOSE.toString(), "config", "--quiet"), env))
                .as("docker compose config").isZero();
    }

    private Set<String> requiredVariables() {
        Set<String> required = new TreeSet<>();
        Matcher m = REQUIRED_VARIABLE.matcher(text);
        while (m.find()) {
            required.add(m.group(1));
        }
        return required;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String service) {
        Object env = services.get(service).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private String config(String name) {
        Map<String, Object> configs = (Map<String, Object>) new Yaml().<Map<String, Object>>load(text).get("configs");
        return String.valueOf(((Map<String, Object>) configs.get(name)).get("content"));
    }

    private static List<String> hosts(String addresses) {
        assertThat(addresses).isNotBlank();
        return Arrays.stream(addresses.split(",")).map(a -> a.trim().split(":")[0]).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(String text) {
        // SnakeYAML resolves the anchors and merge keys (<<) as compose does
        return (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(text).get("services");
    }

    private static int run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException noDocker) {
            return -1;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        if (process.exitValue() != 0 && command.contains("config")) {
            System.err.println(output);
        }
        return process.exitValue();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
