package org.opencrm.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one operation from a fixed number of threads (a closed loop: each thread starts its next call when the last
 * one answered) for a warm-up, then for the measured period; reports throughput and latency of the measured part.
 */
final class LoadRunner {

    /** One thread's way of calling the operation: its own connection or stub, closed when the thread stops. */
    interface Caller extends AutoCloseable {

        /** One call; throws when the call failed. */
        void call() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /**
     * What a run measured.
     *
     * @param cpuSeconds CPU seconds each group of processes used during the measured period ({@link ProcessCpu})
     */
    record Result(LatencySummary latency, double perSecond, long failures, String firstFailure,
            Map<String, Double> cpuSeconds) {

        /** Milliseconds of the group's CPU per operation measured, or null when it was not measured. */
        Double cpuMillisPerOperation(String group) {
            Double seconds = cpuSeconds.get(group);
            return seconds == null || latency.count() == 0 ? null : 1000 * seconds / latency.count();
        }
    }

    private final int threads;
    private final long warmupNanos;
    private final long measuredNanos;

    LoadRunner(int threads, int warmupSeconds, int measuredSeconds) {
        this.threads = threads;
        this.warmupNanos = warmupSeconds * 1_000_000_000L;
        this.measuredNanos = measuredSeconds * 1_000_000_000L;
    }

    Result run(Supplier<Caller> callers) throws InterruptedException {
        List<SampleLog> logs = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        long[] window = new long[2];
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            SampleLog log = new SampleLog();
            logs.add(log);
            workers.add(Thread.ofPlatform().name("load-" + i).start(() -> {
                try (Caller caller = callers.get()) {
                    ready.countDown();
                    go.await();
                    long end = window[1];
                    while (true) {
                        long started = System.nanoTime();
                        if (started >= end) {
                            break;
                        }
                        try {
                            caller.call();
                            log.record(started, System.nanoTime() - started);
                        } catch (Exception e) {
                            log.failed();
                            firstFailure.compareAndSet(null, e.toString());
                        }
                    }
                } catch (Exception e) {
                    firstFailure.compareAndSet(null, "could not start: " + e);
                    ready.countDown();
                }
            }));
        }
        ready.await();
        long start = System.nanoTime();
        window[0] = start + warmupNanos;
        window[1] = window[0] + measuredNanos;
        go.countDown();
        sleepUntil(window[0]);
        Map<String, Double> before = ProcessCpu.snapshot();
        sleepUntil(window[1]);
        Map<String, Double> used = ProcessCpu.between(before, ProcessCpu.snapshot());
        for (Thread worker : workers) {
            worker.join();
        }
        LatencySummary latency = SampleLog.window(logs, window[0], window[1]);
        long failures = logs.stream().mapToLong(SampleLog::failures).sum();
        return new Result(latency, latency.count() / (measuredNanos / 1e9), failures, firstFailure.get(), used);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
