package com.pnhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportMathTest {

    @Test
    void percentilesAreReportedInMillisecondsFromMicroseconds() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i * 1000L);
        }
        Report.Section s = Metrics.summary(h);
        assertThat(s.get("count")).isEqualTo(100L);
        // three significant digits: a value is reported within 0.1 %
        assertThat((double) s.get("p50Ms")).isCloseTo(50.0, within(0.05));
        assertThat((double) s.get("p99Ms")).isCloseTo(99.0, within(0.1));
        assertThat((double) s.get("maxMs")).isCloseTo(100.0, within(0.1));
    }

    @Test
    void aGoalIsJudgedOnTheNestedFigureAndNotApplicableWhenItsScenarioDidNotRun() {
        Report r = new Report();
        Report.Section closed = new Report.Section();
        closed.put(BindUnbindScenario.MAX_RATE, 1200.0);
        r.scenario(BindUnbindScenario.NAME).put("closedLoop", closed);
        r.scenario(BindUnbindScenario.NAME).put("serviceAppendsToRawRatio", Report.round(Report.ratio(250, 1000)));
        Goals.evaluate(r);
        assertThat(r.goals.get(0).met()).isTrue();
        assertThat(r.goals).filteredOn(g -> g.name().startsWith("event appends")).singleElement()
                .satisfies(g -> assertThat(g.met()).isFalse());
        assertThat(r.goals).filteredOn(g -> g.name().startsWith("replay")).singleElement()
                .satisfies(g -> assertThat(g.met()).isNull());
    }

    @Test
    void aRatioOverNothingIsZero() {
        assertThat(Report.ratio(5, 0)).isZero();
    }

    @Test
    void aClonedEventNamesTheNewNumberEverywhere() {
        byte[] payload = "{\"number\":\"17300000001\",\"x\":\"17300000001\",\"a\":\"13800000001\"}".getBytes(StandardCharsets.UTF_8);
        byte[] clone = ReplayScenario.replace(payload, "17300000001".getBytes(StandardCharsets.UTF_8),
                "19000000042".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(clone, StandardCharsets.UTF_8))
                .isEqualTo("{\"number\":\"19000000042\",\"x\":\"19000000042\",\"a\":\"13800000001\"}");
    }
}
