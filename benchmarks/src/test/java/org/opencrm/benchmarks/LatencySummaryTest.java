package org.opencrm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesOfOneToOneThousandMillisecondsAreWithinAThousandthOfTheExactOnes() {
        long[] nanos = LongStream.rangeClosed(1, 1000).map(ms -> ms * 1_000_000).toArray();

        LatencySummary summary = LatencySummary.ofNanos(nanos);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500, within(0.5));
        assertThat(summary.p95()).isCloseTo(950, within(1.0));
        assertThat(summary.p99()).isCloseTo(990, within(1.0));
        assertThat(summary.max()).isCloseTo(1000, within(1.0));
        assertThat(summary.mean()).isCloseTo(500.5, within(0.5));
    }

    @Test
    void oneSlowOperationInAHundredMovesTheMaxButNotTheMedian() {
        long[] nanos = LongStream.range(0, 100).map(i -> i == 42 ? 2_000_000_000L : 1_000_000L).toArray();

        LatencySummary summary = LatencySummary.ofNanos(nanos);

        assertThat(summary.p50()).isCloseTo(1.0, within(0.01));
        assertThat(summary.p99()).isCloseTo(1.0, within(0.01));
        assertThat(summary.max()).isCloseTo(2000, within(2.0));
    }

    @Test
    void anEmptySetHasNoFiguresAndRatiosWithMissingFiguresAreNotANumber() {
        LatencySummary empty = LatencySummary.ofNanos();

        assertThat(empty.count()).isZero();
        assertThat(LatencySummary.format(empty.p99())).isEqualTo("n/a");
        assertThat(LatencySummary.ratio(empty.p99(), 2.0)).isEqualTo("n/a");
        assertThat(LatencySummary.ratio(3.0, 2.0)).isEqualTo("1.50");
        assertThat(LatencySummary.format(12.345)).isEqualTo("12.3");
        assertThat(LatencySummary.format(1234.5)).isEqualTo("1235");
    }

    @Test
    void windowsSelectOperationsByTheirStartTimeAcrossThreads() {
        SampleLog first = new SampleLog();
        SampleLog second = new SampleLog();
        for (int i = 0; i < 20_000; i++) {
            first.record(i, 1_000_000L);
            second.record(i, i >= 10_000 ? 5_000_000L : 1_000_000L);
        }

        LatencySummary before = SampleLog.window(List.of(first, second), 0, 10_000);
        LatencySummary during = SampleLog.window(List.of(first, second), 10_000, 20_000);

        assertThat(before.count()).isEqualTo(20_000);
        assertThat(before.max()).isCloseTo(1.0, within(0.01));
        assertThat(during.count()).isEqualTo(20_000);
        assertThat(during.p99()).isCloseTo(5.0, within(0.01));
        assertThat(during.p50()).isCloseTo(1.0, within(0.01)).as("half of the operations stayed at 1 ms");
    }
}
