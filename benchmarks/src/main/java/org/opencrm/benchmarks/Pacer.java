package org.opencrm.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * When one load thread starts its next operation. Paced, operations are due at a fixed interval whatever the
 * previous one took (an open-loop load, as real clients arrive), and an operation's latency counts from when it was
 * due: a stall of 100 ms then shows in every operation that fell due during it, not only in the one that met it
 * (no coordinated omission). Unpaced, each operation starts when the previous one ends (a closed loop, the most
 * load the threads can make).
 */
final class Pacer {

    private final long intervalNanos;
    private long next;

    /** @param intervalNanos the time between two operations of this thread; 0 for a closed loop */
    Pacer(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.next = System.nanoTime();
    }

    /** A pacer for one of {@code threads} threads that share {@code perSecond} operations; 0 for unpaced. */
    static Pacer sharing(int perSecond, int threads) {
        return new Pacer(perSecond <= 0 ? 0 : Math.round(threads * 1e9 / perSecond));
    }

    /** Waits until the next operation is due and returns when it was due: the start its latency counts from. */
    long awaitNext() {
        if (intervalNanos == 0) {
            return System.nanoTime();
        }
        long due = next;
        next += intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }
}
