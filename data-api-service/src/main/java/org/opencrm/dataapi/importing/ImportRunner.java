package org.opencrm.dataapi.importing;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;

/**
 * Runs imports on a few threads of their own, {@code concurrency} at a time with {@code queue-capacity} waiting, so
 * imports never take the request threads and a burst of them cannot exhaust the database's connections. Imports still
 * queued or running when the service stops are marked FAILED; the chunks they committed stay.
 */
class ImportRunner implements DisposableBean {

    private final ThreadPoolExecutor executor;
    private final Importer importer;
    private final ImportJobs jobs;
    private final Set<UUID> unfinished = ConcurrentHashMap.newKeySet();

    ImportRunner(Importer importer, ImportJobs jobs, ImportProperties properties) {
        this.importer = importer;
        this.jobs = jobs;
        this.executor = new ThreadPoolExecutor(properties.concurrency(), properties.concurrency(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()), Thread.ofPlatform().name("import-", 0).factory());
    }

    /** @throws java.util.concurrent.RejectedExecutionException when the queue is full */
    void submit(Importer.Task task) {
        unfinished.add(task.jobId());
        try {
            executor.execute(() -> {
                try {
                    importer.run(task);
                } finally {
                    unfinished.remove(task.jobId());
                }
            });
        } catch (RuntimeException e) {
            unfinished.remove(task.jobId());
            throw e;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        for (UUID jobId : unfinished) {
            jobs.failed(jobId, "The service stopped before the import finished; the rows counted as done are stored");
        }
    }
}
