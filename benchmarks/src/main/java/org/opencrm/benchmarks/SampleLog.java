package org.opencrm.benchmarks;

import java.util.Arrays;
import java.util.Collection;

import org.HdrHistogram.Histogram;

/**
 * The operations one load thread ran: when each started and how long it took (both in nanoseconds of
 * {@link System#nanoTime()}), kept whole so that windows (before, during, after a change) can be chosen once the
 * run is over. Written by its own thread only; read once that thread has stopped.
 */
final class SampleLog {

    private long[] starts = new long[1 << 14];
    private long[] durations = new long[1 << 14];
    private int size;
    private long failures;
    private String firstFailure;

    void record(long startNanos, long durationNanos) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            durations = Arrays.copyOf(durations, size * 2);
        }
        starts[size] = startNanos;
        durations[size] = durationNanos;
        size++;
    }

    void failed() {
        failures++;
    }

    /** A failed operation; the first reason is kept for the report. */
    void failed(String reason) {
        failures++;
        if (firstFailure == null) {
            firstFailure = reason;
        }
    }

    /** Why the first failed operation failed, or null. */
    String firstFailure() {
        return firstFailure;
    }

    long failures() {
        return failures;
    }

    int size() {
        return size;
    }

    /** The operations of all logs that started in {@code [from, to)}. */
    static LatencySummary window(Collection<SampleLog> logs, long fromNanos, long toNanos) {
        Histogram histogram = LatencySummary.newHistogram();
        for (SampleLog log : logs) {
            for (int i = 0; i < log.size; i++) {
                if (log.starts[i] >= fromNanos && log.starts[i] < toNanos) {
                    LatencySummary.recordNanos(histogram, log.durations[i]);
                }
            }
        }
        return LatencySummary.of(histogram);
    }
}
