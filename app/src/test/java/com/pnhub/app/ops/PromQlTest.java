package com.pnhub.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsOfAQuantileBehindFunctionsMatchersGroupingAndRanges() {
        String expr = "label_replace(histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
                + "{instance=~\"$instance\", uri=~\"/mangoapi/.*\"}[$__rate_interval]))), \"action\", \"$1\", \"uri\", \".*/([^/]+)$\")";

        assertThat(PromQl.metricNames(expr)).containsExactly("http_server_requests_seconds_bucket");
    }

    @Test
    void findsBothSidesOfABinaryOperatorAndNoKeywordOrNumber() {
        String expr = "max by (pool) (pnhub_pool_free{instance=~\"$instance\"}) / on (pool) max by (pool) (pnhub_pool_size)"
                + " > 0.5 and up offset 5m";

        assertThat(PromQl.metricNames(expr)).containsExactly("pnhub_pool_free", "pnhub_pool_size", "up");
    }
}
