package org.opencrm.dataapi.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.google.protobuf.Timestamp;

import org.opencrm.dataapi.record.InvalidRecordRequestException;
import org.opencrm.dataapi.record.RecordCopyRows;
import org.opencrm.dataapi.record.Violation;
import org.opencrm.proto.records.v1.RecordChanged;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one import: reads the spooled body row by row, checks each row as a create would and renders its COPY line and
 * its event, and hands chunks of {@code chunk-rows} good rows to a loader thread, which copies each chunk with
 * {@code COPY} in one transaction with its records' events and the job's progress. Reading and checking the next chunk
 * overlaps with PostgreSQL storing the last one. A row PostgreSQL refuses (a duplicate of a unique field, a reference
 * to a missing record) is found by the line COPY names, or by halving the chunk when it names none, and rejected
 * alone: the rest of its chunk is kept and no row is ever written in part.
 */
class Importer {

    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

    /** {@code COPY person, line 17, column ...}: where PostgreSQL says which row of a COPY failed. */
    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");
    private static final int COPY_WRITE_BYTES = 256 * 1024;
    /** Failed COPYs of one chunk after which the rest of it is copied row by row. */
    static final int MAX_FAILED_COPIES = 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String STOPPED = "The service stopped before the import finished; the rows counted as done are stored";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ImportJobs jobs;
    private final ImportEvents events;
    private final ImportProperties properties;
    private final JsonMapper json;

    Importer(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions, ImportJobs jobs,
            ImportEvents events, ImportProperties properties, JsonMapper json) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jobs = jobs;
        this.events = events;
        this.properties = properties;
        this.json = json;
    }

    /** What an import needs once its request has been answered. */
    record Task(UUID jobId, UUID workspaceId, ImportFormat format, RecordCopyRows rows, Path body) {
    }

    /** Runs the task to its end and deletes its body; the job says how it went. */
    void run(Task task) {
        long startNanos = System.nanoTime();
        long startCpuNanos = THREADS.getCurrentThreadCpuTime();
        Loader loader = new Loader(task);
        Thread loading = Thread.ofPlatform().name("import-load-" + task.jobId()).start(loader);
        try (InputStream body = Files.newInputStream(task.body());
                ImportSource source = ImportSource.open(task.format(), body, task.rows(), json)) {
            jobs.started(task.jobId());
            long rowsRead = read(task, source, loader);
            loader.hand(Chunk.END);
            loading.join();
            loader.rethrowFailure();
            Progress progress = loader.progress;
            jobs.finished(task.jobId(), progress.rowsDone, rowsRead, progress.rowsRejected, progress.rejected);
            LOG.info("Import {} of {}: {} rows stored, {} rejected in {} ms; {} ms of CPU reading and checking",
                    task.jobId(), task.rows().object().namePlural(), progress.rowsDone, progress.rowsRejected,
                    (System.nanoTime() - startNanos) / 1_000_000,
                    (THREADS.getCurrentThreadCpuTime() - startCpuNanos) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.failed(task.jobId(), STOPPED);
        } catch (ImportFailedException e) {
            LOG.warn("Import {} failed", task.jobId(), e.getCause());
            jobs.failed(task.jobId(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Import {} failed", task.jobId(), e);
            jobs.failed(task.jobId(), "The import failed on the server; the rows counted as done are stored");
        } finally {
            loading.interrupt();
            try {
                loading.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Files.deleteIfExists(task.body());
            } catch (IOException e) {
                LOG.warn("Could not delete the spooled body of import {}: {}", task.jobId(), e.toString());
            }
        }
    }

    /** Reads, checks and renders every row, handing the loader a chunk at a time; answers the rows read. */
    private long read(Task task, ImportSource source, Loader loader) throws IOException, InterruptedException {
        RecordCopyRows rows = task.rows();
        String maxPosition = rows.maxPositionQuery();
        double position = maxPosition == null ? 0 : jdbc.queryForObject(maxPosition, Double.class);
        long rowsRead = 0;
        Chunk chunk = new Chunk(properties.chunkRows(), properties.maxListedRejections());
        Instant chunkTime = Instant.now();
        RecordCopyRows.Now now = RecordCopyRows.Now.of(OffsetDateTime.ofInstant(chunkTime, ZoneOffset.UTC));
        Timestamp occurredAt = ImportEvents.timestamp(chunkTime);
        ImportSource.Row row;
        while ((row = source.next()) != null) {
            rowsRead++;
            if (!row.problems().isEmpty()) {
                chunk.reject(row.line(), row.problems());
            } else {
                try {
                    RecordCopyRows.CopyRow copyRow = rows.row(row.record(), ++position, now);
                    chunk.rows.add(new Pending(row.line(), copyRow,
                            events.created(task.workspaceId(), rows.object(), copyRow, occurredAt)));
                } catch (InvalidRecordRequestException e) {
                    chunk.reject(row.line(), e.violations());
                }
            }
            if (chunk.rows.size() == properties.chunkRows()) {
                loader.hand(chunk);
                chunk = new Chunk(properties.chunkRows(), properties.maxListedRejections());
                chunkTime = Instant.now();
                now = RecordCopyRows.Now.of(OffsetDateTime.ofInstant(chunkTime, ZoneOffset.UTC));
                occurredAt = ImportEvents.timestamp(chunkTime);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
        }
        loader.hand(chunk);
        return rowsRead;
    }

    /** One checked row: its line in the body, its COPY line and its created event. */
    private record Pending(long line, RecordCopyRows.CopyRow row, RecordChanged event) {
    }

    /** The rows of one transaction and the rows rejected while reading them. */
    private static final class Chunk {

        static final Chunk END = new Chunk(0, 0);

        final List<Pending> rows;
        final Progress rejections;

        Chunk(int rows, int maxListed) {
            this.rows = new ArrayList<>(rows);
            this.rejections = new Progress(maxListed);
        }

        void reject(long line, List<Violation> violations) {
            rejections.reject(line, violations);
        }
    }

    /** Loads the chunks the reader hands it, one transaction each, in order; the first failure stops it. */
    private final class Loader implements Runnable {

        private final Task task;
        private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(1);
        private volatile RuntimeException failure;
        private volatile boolean done;
        private Progress progress = new Progress(properties.maxListedRejections());

        Loader(Task task) {
            this.task = task;
        }

        /** Waits for room: the reader runs at most one chunk ahead of the database. */
        void hand(Chunk chunk) throws InterruptedException {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
                if (done) {
                    throw new IllegalStateException("The loader of import " + task.jobId() + " stopped");
                }
            }
        }

        void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Chunk chunk = chunks.take();
                    if (chunk == Chunk.END) {
                        return;
                    }
                    progress = load(task, chunk, progress);
                }
            } catch (InterruptedException e) {
                failure = new ImportFailedException(STOPPED, e);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                done = true;
            }
        }
    }

    /** One chunk, one transaction: its rows, their events and the job's progress commit together. */
    private Progress load(Task task, Chunk chunk, Progress before) {
        return transactions.execute(status -> {
            Progress progress = before.copy();
            progress.add(chunk.rejections);
            List<Pending> copied = new ArrayList<>(chunk.rows.size());
            copy(status, task.rows(), chunk.rows, copied, progress, new int[] {0});
            List<RecordChanged> changes = new ArrayList<>(copied.size());
            copied.forEach(row -> changes.add(row.event()));
            events.append(task.jobId(), task.workspaceId(), changes);
            progress.rowsDone += copied.size();
            progress.rejected.sort(Comparator.comparingLong(ImportJob.Rejection::line));
            jobs.progressed(task.jobId(), progress.rowsDone, progress.rowsRejected, progress.rejected);
            return progress;
        });
    }

    /**
     * Copies the rows, each attempt under a savepoint; a refused row is rejected and the rows around it copied
     * again, so a chunk with a few bad rows costs a few more COPYs. After {@link #MAX_FAILED_COPIES} failed COPYs in
     * one chunk (many bad rows: a constraint most rows break) the rest of the chunk is copied row by row, so the
     * work stays proportional to the rows instead of growing with their square.
     *
     * @param failures the failed COPYs of this chunk so far, shared by the recursive calls
     */
    private void copy(TransactionStatus status, RecordCopyRows rows, List<Pending> pending, List<Pending> copied,
            Progress progress, int[] failures) {
        if (failures[0] >= MAX_FAILED_COPIES && pending.size() > 1) {
            for (Pending row : pending) {
                copy(status, rows, List.of(row), copied, progress, failures);
            }
            return;
        }
        List<Pending> rest = pending;
        while (!rest.isEmpty()) {
            Object savepoint = status.createSavepoint();
            try {
                copyIn(rows.copyStatement(), rest);
                status.releaseSavepoint(savepoint);
                copied.addAll(rest);
                return;
            } catch (SQLException e) {
                status.rollbackToSavepoint(savepoint);
                status.releaseSavepoint(savepoint);
                failures[0]++;
                List<Violation> violations = rows.violations(e);
                if (violations.isEmpty()) {
                    throw new ImportFailedException("The database refused the import; the rows counted as done are stored", e);
                }
                if (rest.size() == 1) {
                    progress.reject(rest.getFirst().line(), violations);
                    return;
                }
                if (failures[0] >= MAX_FAILED_COPIES) {
                    copy(status, rows, rest, copied, progress, failures);
                    return;
                }
                int failed = failedIndex(e, rest.size());
                if (failed >= 0) {
                    // The rows before the one named went in before it failed; the one named is tried alone, so a
                    // line PostgreSQL names wrongly costs a COPY, never a good row.
                    copy(status, rows, rest.subList(0, failed), copied, progress, failures);
                    copy(status, rows, rest.subList(failed, failed + 1), copied, progress, failures);
                    rest = rest.subList(failed + 1, rest.size());
                } else {
                    int half = rest.size() / 2;
                    copy(status, rows, rest.subList(0, half), copied, progress, failures);
                    rest = rest.subList(half, rest.size());
                }
            }
        }
    }

    private void copyIn(String statement, List<Pending> rows) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(statement);
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(COPY_WRITE_BYTES + 64 * 1024);
            for (Pending row : rows) {
                byte[] line = row.row().line().getBytes(StandardCharsets.UTF_8);
                buffer.write(line, 0, line.length);
                if (buffer.size() >= COPY_WRITE_BYTES) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // The COPY failed already; the savepoint's rollback ends it.
                }
            }
        }
    }

    /** The 0-based row of a failed COPY as PostgreSQL names it, or -1 when it names none within the rows sent. */
    private static int failedIndex(SQLException failure, int rows) {
        if (failure instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getWhere() != null) {
            Matcher line = COPY_LINE.matcher(psql.getServerErrorMessage().getWhere());
            if (line.find()) {
                long index = Long.parseLong(line.group(1)) - 1;
                return index >= 0 && index < rows ? (int) index : -1;
            }
        }
        return -1;
    }

    /** The job's counters and listed rejections; a chunk works on a copy, kept only when its transaction commits. */
    private static final class Progress {

        private final int maxListed;
        long rowsDone;
        long rowsRejected;
        List<ImportJob.Rejection> rejected = new ArrayList<>();

        Progress(int maxListed) {
            this.maxListed = maxListed;
        }

        void reject(long line, List<Violation> violations) {
            rowsRejected++;
            for (Violation violation : violations) {
                if (rejected.size() < maxListed) {
                    rejected.add(new ImportJob.Rejection(line, violation.field(), violation.message()));
                }
            }
        }

        void add(Progress other) {
            rowsRejected += other.rowsRejected;
            for (ImportJob.Rejection rejection : other.rejected) {
                if (rejected.size() < maxListed) {
                    rejected.add(rejection);
                }
            }
        }

        Progress copy() {
            Progress copy = new Progress(maxListed);
            copy.rowsDone = rowsDone;
            copy.rowsRejected = rowsRejected;
            copy.rejected = new ArrayList<>(rejected);
            return copy;
        }
    }

    /** A failure of the whole import, with a message fit for the client. */
    static final class ImportFailedException extends RuntimeException {

        ImportFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
