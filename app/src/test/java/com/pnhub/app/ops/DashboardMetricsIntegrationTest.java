package com.pnhub.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.app.support.Http;
import com.pnhub.app.support.IntegrationTest;
import com.pnhub.app.support.IntegrationTestProperties;
import com.pnhub.app.support.TestData;
import com.pnhub.app.support.TestWorld;
import com.pnhub.query.pool.PoolMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metric the Grafana dashboard ({@code docs/grafana/pnhub-dashboard.json}) queries is one the service
 * exports: a renamed meter, or a panel written against a name the service never had, shows up here rather than as
 * an empty panel in front of an operator.
 */
@IntegrationTest
class DashboardMetricsIntegrationTest extends IntegrationTestProperties {

    private static final Path DASHBOARD = Path.of("docs", "grafana", "pnhub-dashboard.json");

    @LocalServerPort
    int port;

    @Autowired
    PoolMonitor pools;

    @Test
    void everyMetricTheDashboardQueriesIsOnThePrometheusEndpoint() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(RepositoryFiles.find(DASHBOARD)));
        assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.get("templating").get("list").valueStream().map(v -> v.get("name").asString()))
                .contains("datasource", "instance");
        Map<String, Set<String>> queried = queriedMetrics(dashboard);
        assertThat(queried).as("metrics queried by the dashboard's panels").isNotEmpty();

        // the request meters of the legacy actions exist once they were called, the pool gauges after a refresh
        Http http = new Http(port);
        String user = TestWorld.agent(http, TestData.realNumber());
        String x = TestWorld.boundNumber(http, user);
        JsonNode unbound = http.hub("UnBindAgentNumber", "userid", user, "private_number", x);
        assertThat(unbound.get("ResultCode").asInt()).as(unbound.toString()).isEqualTo(2000);
        pools.refresh();
        Http.Response scrape = http.get("/actuator/prometheus", Map.of());
        assertThat(scrape.status()).isEqualTo(200);
        Set<String> exported = scrape.body().lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));

        Map<String, Set<String>> missing = new TreeMap<>(queried);
        missing.keySet().removeAll(exported);
        assertThat(missing).as("metrics the dashboard queries (with the panels querying them) that /actuator/prometheus "
                + "does not export").isEmpty();
    }

    /** metric name → titles of the panels (and variables) whose queries read it. */
    private static Map<String, Set<String>> queriedMetrics(JsonNode dashboard) {
        Map<String, Set<String>> names = new TreeMap<>();
        collect(dashboard.get("panels"), names);
        dashboard.get("templating").get("list").valueStream()
                .filter(v -> "query".equals(v.path("type").asString()))
                .forEach(v -> {
                    String query = v.get("query").isObject() ? v.get("query").get("query").asString() : v.get("query").asString();
                    // label_values(metric, label): the metric is an argument, not a function
                    String metric = query.replaceFirst("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$", "$1");
                    PromQl.metricNames(metric).forEach(n ->
                            names.computeIfAbsent(n, k -> new TreeSet<>()).add("variable $" + v.get("name").asString()));
                });
        return names;
    }

    private static void collect(JsonNode panels, Map<String, Set<String>> names) {
        if (panels == null) {
            return;
        }
        panels.valueStream().forEach(panel -> {
            panel.path("targets").valueStream().forEach(target -> {
                String expr = target.path("expr").asString("");
                assertThat(expr).as("a target of panel '%s' without an expr", panel.path("title").asString()).isNotBlank();
                PromQl.metricNames(expr).forEach(n ->
                        names.computeIfAbsent(n, k -> new TreeSet<>()).add(panel.path("title").asString()));
            });
            collect(panel.get("panels"), names);
        });
    }
}
