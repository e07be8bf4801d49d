package org.opencrm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void pacedOperationsFallDueAtTheIntervalWhateverTheyTake() throws InterruptedException {
        Pacer pacer = Pacer.sharing(1_000, 4); // 250 per second for this thread: one every 4 ms
        long first = pacer.awaitNext();
        Thread.sleep(30); // an operation that overran seven intervals
        long second = pacer.awaitNext();
        long third = pacer.awaitNext();

        assertThat(second - first).isEqualTo(4_000_000L);
        assertThat(third - second).as("the late operations are still due on schedule, and count from then")
                .isEqualTo(4_000_000L);
        assertThat(System.nanoTime() - third).as("a late pacer does not wait").isGreaterThan(20_000_000L);
    }

    @Test
    void unpacedOperationsStartNow() {
        Pacer pacer = Pacer.sharing(0, 4);
        long before = System.nanoTime();
        long start = pacer.awaitNext();

        assertThat(start).isBetween(before, System.nanoTime());
    }
}
