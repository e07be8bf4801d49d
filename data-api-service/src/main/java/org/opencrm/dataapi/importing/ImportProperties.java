package org.opencrm.dataapi.importing;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How bulk imports run ({@code crm.dataapi.imports.*}).
 *
 * @param maxBytes             the largest import body; larger ones get 413. It replaces the 1 MiB bound of every other
 *                             request body ({@code crm.security.max-request-bytes}) for {@code /rest/imports/**},
 *                             because the body is spooled to disk, never held in memory. Default 2 GB
 * @param spoolDirectory       where bodies wait until their job runs; default the JVM's temporary directory
 * @param chunkRows            rows per COPY and per transaction: a failure loses at most this many rows' work, and
 *                             the job's progress moves by this step. Default 10,000
 * @param concurrency          imports running at once on this instance; default 2
 * @param queueCapacity        imports waiting for a turn; beyond it a new import gets 503. Default 32
 * @param maxListedRejections  rejected rows listed in the job (all are counted); default 1,000
 * @param eventBatchBytes      the largest {@code RecordChangeBatch} written to the outbox, well under Kafka's 1 MB
 *                             message limit, so a relay batch of 500 outbox rows stays within the producer's 32 MB
 *                             buffer; default 64 KB
 * @param eventBatchRecords    the most changes in one {@code RecordChangeBatch}; default 100
 */
@ConfigurationProperties("crm.dataapi.imports")
public record ImportProperties(
        @DefaultValue("2GB") DataSize maxBytes,
        Path spoolDirectory,
        @DefaultValue("10000") int chunkRows,
        @DefaultValue("2") int concurrency,
        @DefaultValue("32") int queueCapacity,
        @DefaultValue("1000") int maxListedRejections,
        @DefaultValue("64KB") DataSize eventBatchBytes,
        @DefaultValue("100") int eventBatchRecords) {

    public ImportProperties {
        spoolDirectory = spoolDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : spoolDirectory;
        positive("max-bytes", maxBytes.toBytes());
        positive("chunk-rows", chunkRows);
        positive("concurrency", concurrency);
        positive("queue-capacity", queueCapacity);
        positive("event-batch-bytes", eventBatchBytes.toBytes());
        positive("event-batch-records", eventBatchRecords);
        if (maxListedRejections < 0) {
            throw new IllegalArgumentException("crm.dataapi.imports.max-listed-rejections must not be negative");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("crm.dataapi.imports." + name + " must be positive, was " + value);
        }
    }
}
