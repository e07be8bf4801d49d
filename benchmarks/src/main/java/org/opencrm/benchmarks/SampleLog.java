package org.opencrm.benchmarks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

    /** Writes the log for {@link #readFrom} in another process (nanoTime is one clock for the whole machine on Linux). */
    void writeTo(DataOutput out) throws IOException {
        out.writeLong(failures);
        out.writeUTF(firstFailure == null ? "" : firstFailure.substring(0, Math.min(firstFailure.length(), 2_000)));
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(starts[i]);
            out.writeLong(durations[i]);
        }
    }

    static SampleLog readFrom(DataInput in) throws IOException {
        SampleLog log = new SampleLog();
        log.failures = in.readLong();
        String reason = in.readUTF();
        log.firstFailure = reason.isEmpty() ? null : reason;
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            log.record(in.readLong(), in.readLong());
        }
        return log;
    }

    /** The operations of all logs that started in {@code [from, to)}. */
    static LatencySummary window(Collection<SampleLog> logs, long fromNanos, long toNanos) {
        return windows(logs, java.util.List.of(new long[] {fromNanos, toNanos}));
    }

    /** The operations of all logs that started in any of the windows {@code [from, to)}, each counted once. */
    static LatencySummary windows(Collection<SampleLog> logs, java.util.List<long[]> windows) {
        Histogram histogram = LatencySummary.newHistogram();
        for (SampleLog log : logs) {
            for (int i = 0; i < log.size; i++) {
                for (long[] window : windows) {
                    if (log.starts[i] >= window[0] && log.starts[i] < window[1]) {
                        LatencySummary.recordNanos(histogram, log.durations[i]);
                        break;
                    }
                }
            }
        }
        return LatencySummary.of(histogram);
    }
}
