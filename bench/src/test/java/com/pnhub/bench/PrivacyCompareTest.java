package com.pnhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrivacyCompareTest {

    @Test
    void variantsAlternateOnAndOffAndEachHasADatabaseSuffixOfItsOwn() {
        List<PrivacyCompare.Variant> order = PrivacyCompare.order(2);
        assertThat(order).extracting(PrivacyCompare.Variant::label).containsExactly("on #1", "off #1", "on #2", "off #2");
        assertThat(order).extracting(PrivacyCompare.Variant::tag).doesNotHaveDuplicates()
                .allSatisfy(tag -> assertThat(tag).matches("[a-z0-9_]+"));
    }

    @Test
    void overheadIsPositiveWhenEncryptionCostsWhicheverWayTheFigureMoves() {
        assertThat(PrivacyCompare.overheadPercent(5.5, 5.0, PrivacyCompare.Cost.HIGHER)).isCloseTo(10.0, within(1e-9));
        // throughput: fewer binds+unbinds/s with encryption on is a cost
        assertThat(PrivacyCompare.overheadPercent(180.0, 200.0, PrivacyCompare.Cost.LOWER)).isCloseTo(10.0, within(1e-9));
        assertThat(PrivacyCompare.overheadPercent(4.0, 5.0, PrivacyCompare.Cost.HIGHER)).isCloseTo(-20.0, within(1e-9));
        assertThat(PrivacyCompare.overheadPercent(null, 5.0, PrivacyCompare.Cost.HIGHER)).isNull();
        assertThat(PrivacyCompare.overheadPercent(5.0, 0.0, PrivacyCompare.Cost.HIGHER)).isNull();
        assertThat(PrivacyCompare.overheadPercent(5.0, 4.0, PrivacyCompare.Cost.CONTEXT)).isNull();
    }

    @Test
    void theReportShowsEveryVariantSideBySideWithTheMeansOverheadAndTheCpuGoal() {
        Map<PrivacyCompare.Variant, Report> results = new LinkedHashMap<>();
        double[] cpu = {5.6, 5.0, 5.4, 5.0};
        double[] rate = {190, 200, 195, 200};
        List<PrivacyCompare.Variant> order = PrivacyCompare.order(2);
        for (int i = 0; i < order.size(); i++) {
            results.put(order.get(i), variant(cpu[i], rate[i]));
        }
        Report report = new Report();
        PrivacyCompare.compare(report, results);

        Report.Section figures = (Report.Section) report.scenario(PrivacyCompare.NAME).get("figures");
        Report.Section c = (Report.Section) figures.get(PrivacyCompare.CPU_FIGURE);
        assertThat(c.get("meanOn")).isEqualTo(5.5);
        assertThat(c.get("meanOff")).isEqualTo(5.0);
        assertThat(c.get("overheadPercent")).isEqualTo(10.0);
        assertThat(c.get("overheadPercentPerPair")).isEqualTo(List.of(12.0, 8.0));
        Report.Section throughput = (Report.Section) figures.get("closed loop, binds+unbinds/s");
        assertThat(throughput.get("overheadPercent")).isEqualTo(3.75);
        // a figure no variant measured (scenario 6 did not run) is left out rather than shown as dashes
        assertThat(figures).doesNotContainKey("replay, service CPU (s)");
        assertThat(report.goals).singleElement().satisfies(g -> {
            assertThat(g.met()).isTrue();
            assertThat(g.measured()).startsWith("+10.0 %");
        });
        String md = report.markdown();
        assertThat(md).contains("| figure | on #1 | off #1 | on #2 | off #2 | on, mean | off, mean | overhead | overhead per pair |")
                .contains("| " + PrivacyCompare.CPU_FIGURE + " | 5.60 | 5.00 | 5.40 | 5.00 | 5.50 | 5.00 | +10.0 % | +12.0 % / +8.0 % |");
        // the section's numbers are in the JSON; the markdown has them once, in the table
        assertThat(md).doesNotContain("## " + PrivacyCompare.NAME + "\n\n| |");
    }

    @Test
    void aVariantThatFailedLeavesItsFigureEmptyAndTheGoalUnjudgedWhenNoOffVariantMeasured() {
        Map<PrivacyCompare.Variant, Report> results = new LinkedHashMap<>();
        results.put(new PrivacyCompare.Variant(1, true), variant(5.6, 190));
        Report failed = new Report();
        failed.run.put("error", "java.lang.IllegalStateException: process exited with 1");
        results.put(new PrivacyCompare.Variant(1, false), failed);
        Report report = new Report();
        PrivacyCompare.compare(report, results);
        assertThat(report.goals).singleElement().satisfies(g -> assertThat(g.met()).isNull());
        assertThat(report.markdown()).contains("| 5.60 | — | 5.60 | — | — | — |");
        Report.Section about = (Report.Section) report.scenario(PrivacyCompare.NAME).get("variants");
        assertThat(((Report.Section) about.get("off #1")).get("errors")).asList().singleElement().asString().startsWith("run: ");
    }

    @Test
    void theComparisonMeasuresScenariosOneAndSixOnASmallerStoreUnlessTold() {
        Options o = Options.parse(new String[] {"--privacy-compare"});
        assertThat(o.scenarios).containsExactly(1, 6);
        assertThat(o.replayEvents).isEqualTo(Options.PRIVACY_REPLAY_EVENTS);
        assertThat(o.privacyPairs).isEqualTo(2);

        Options narrowed = Options.parse(new String[] {"--privacy-compare", "--scenarios", "1,3", "--replay-events", "50000",
                "--privacy-pairs", "1"});
        assertThat(narrowed.scenarios).isEqualTo(Set.of(1));
        assertThat(narrowed.replayEvents).isEqualTo(50_000);

        assertThatThrownBy(() -> Options.parse(new String[] {"--privacy-compare", "--scenarios", "2"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse(new String[] {"--privacy-compare", "--encryption", "off"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Options.parse(new String[] {"--encryption", "off"}).encryption).isFalse();
        assertThat(Options.parse(new String[0]).encryption).isNull();
    }

    private static Report variant(double cpuMs, double rate) {
        Report r = new Report();
        Report.Section closed = new Report.Section();
        closed.put(BindUnbindScenario.CPU_MS_PER_REQUEST, cpuMs);
        closed.put(BindUnbindScenario.MAX_RATE, rate);
        r.scenario(BindUnbindScenario.NAME).put("closedLoop", closed);
        return r;
    }
}
