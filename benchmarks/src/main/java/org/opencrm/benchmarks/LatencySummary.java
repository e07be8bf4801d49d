package org.opencrm.benchmarks;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a set of durations, in milliseconds. Built from an HdrHistogram of microseconds (three
 * significant digits, so every figure is within 0.1% of the exact one).
 *
 * @param count how many durations
 */
record LatencySummary(long count, double p50, double p95, double p99, double max, double mean) {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, 3);
    }

    /** Records one duration given in nanoseconds (clamped to the histogram's range). */
    static void recordNanos(Histogram histogram, long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1_000));
        histogram.recordValue(micros);
    }

    static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(histogram.getTotalCount(),
                millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(95)),
                millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getMaxValue()),
                histogram.getMean() / 1_000.0);
    }

    /** The summary of durations in nanoseconds. */
    static LatencySummary ofNanos(long... nanos) {
        Histogram histogram = newHistogram();
        for (long value : nanos) {
            recordNanos(histogram, value);
        }
        return of(histogram);
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }

    /** A duration in milliseconds for the tables: one decimal under 100 ms, none above. */
    static String format(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return millis < 100 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%.0f", millis);
    }

    /** {@code a / b} with two decimals, "n/a" when either is missing. */
    static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }
}
