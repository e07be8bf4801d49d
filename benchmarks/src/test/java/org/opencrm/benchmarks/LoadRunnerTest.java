package org.opencrm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    @Test
    void countsSuccessfulCallsOfEveryThreadAndReportsFailuresApart() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();

        LoadRunner.Result result = new LoadRunner(3, 0, 1).run(() -> new LoadRunner.Caller() {
            @Override
            public void call() throws Exception {
                if (calls.incrementAndGet() % 10 == 0) {
                    throw new IllegalStateException("every tenth call fails");
                }
                Thread.sleep(2);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        });

        assertThat(closed).hasValue(3);
        assertThat(result.failures()).isPositive();
        assertThat(result.firstFailure()).contains("every tenth call fails");
        assertThat(result.latency().count() + result.failures()).isEqualTo(calls.get());
        assertThat(result.latency().p50()).isGreaterThanOrEqualTo(2.0);
        // three threads of 2 ms calls for one second: at most 1,500 calls, and on a loaded machine many fewer
        assertThat(result.perSecond()).isBetween(10.0, 1_500.0);
    }
}
