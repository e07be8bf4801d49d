package org.opencrm.dataapi.importing;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.opencrm.dataapi.record.InvalidRecordRequestException;
import org.opencrm.dataapi.record.RecordCopyRows;
import org.opencrm.dataapi.record.Violation;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one import: reads the spooled body row by row, checks each row as a create would, and loads the good ones with
 * {@code COPY} in chunks of {@code chunk-rows}, each chunk in one transaction with its records' events and the job's
 * progress. A row PostgreSQL refuses (a duplicate of a unique field, a reference to a missing record) is found by the
 * line COPY names, or by halving the chunk when it names none, and rejected alone: the rest of its chunk is kept and
 * no row is ever written in part.
 */
class Importer {

    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

    /** {@code COPY person, line 17, column ...}: where PostgreSQL says which row of a COPY failed. */
    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");
    private static final int COPY_WRITE_BYTES = 256 * 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        Progress progress = new Progress(properties.maxListedRejections());
        long startNanos = System.nanoTime();
        long startCpuNanos = THREADS.getCurrentThreadCpuTime();
        try (InputStream body = Files.newInputStream(task.body());
                ImportSource source = ImportSource.open(task.format(), body, task.rows(), json)) {
            jobs.started(task.jobId());
            List<ImportSource.Row> chunk = new ArrayList<>(properties.chunkRows());
            ImportSource.Row row;
            while ((row = source.next()) != null) {
                progress.rowsRead++;
                if (!row.problems().isEmpty()) {
                    progress.reject(row.line(), row.problems());
                    continue;
                }
                chunk.add(row);
                if (chunk.size() == properties.chunkRows()) {
                    load(task, chunk, progress);
                    chunk.clear();
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
            load(task, chunk, progress);
            progress.rejected.sort(Comparator.comparingLong(ImportJob.Rejection::line));
            jobs.finished(task.jobId(), progress.rowsDone, progress.rowsRead, progress.rowsRejected, progress.rejected);
            LOG.info("Import {} of {}: {} rows stored, {} rejected in {} ms, {} ms of it on this thread's CPU",
                    task.jobId(), task.rows().object().namePlural(), progress.rowsDone, progress.rowsRejected,
                    (System.nanoTime() - startNanos) / 1_000_000,
                    (THREADS.getCurrentThreadCpuTime() - startCpuNanos) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.failed(task.jobId(), "The service stopped before the import finished; the rows counted as done are stored");
        } catch (ImportFailedException e) {
            LOG.warn("Import {} failed", task.jobId(), e.getCause());
            jobs.failed(task.jobId(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Import {} failed", task.jobId(), e);
            jobs.failed(task.jobId(), "The import failed on the server; the rows counted as done are stored");
        } finally {
            try {
                Files.deleteIfExists(task.body());
            } catch (IOException e) {
                LOG.warn("Could not delete the spooled body of import {}: {}", task.jobId(), e.toString());
            }
        }
    }

    /** One chunk, one transaction: its rows, their events and the job's progress commit together. */
    private void load(Task task, List<ImportSource.Row> chunk, Progress progress) {
        if (chunk.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            Progress chunkProgress = progress.copy();
            RecordCopyRows rows = task.rows();
            RecordCopyRows.Now now = RecordCopyRows.Now.of(OffsetDateTime.now(ZoneOffset.UTC));
            String maxPosition = rows.maxPositionQuery();
            double position = maxPosition == null ? 0 : jdbc.queryForObject(maxPosition, Double.class);
            List<Pending> pending = new ArrayList<>(chunk.size());
            for (ImportSource.Row row : chunk) {
                try {
                    pending.add(new Pending(row.line(), rows.row(row.record(), ++position, now)));
                } catch (InvalidRecordRequestException e) {
                    chunkProgress.reject(row.line(), e.violations());
                }
            }
            List<RecordCopyRows.CopyRow> copied = new ArrayList<>(pending.size());
            copy(status, rows, pending, copied, chunkProgress);
            events.created(task.jobId(), task.workspaceId(), rows.object(), copied);
            chunkProgress.rowsDone += copied.size();
            chunkProgress.rejected.sort(Comparator.comparingLong(ImportJob.Rejection::line));
            jobs.progressed(task.jobId(), chunkProgress.rowsDone, chunkProgress.rowsRejected, chunkProgress.rejected);
            progress.takeFrom(chunkProgress);
        });
    }

    private record Pending(long line, RecordCopyRows.CopyRow row) {
    }

    /**
     * Copies the rows, each attempt under a savepoint; a refused row is rejected and the rows around it copied
     * again, so a chunk with a few bad rows costs a few more COPYs.
     */
    private void copy(TransactionStatus status, RecordCopyRows rows, List<Pending> pending,
            List<RecordCopyRows.CopyRow> copied, Progress progress) {
        List<Pending> rest = pending;
        while (!rest.isEmpty()) {
            Object savepoint = status.createSavepoint();
            try {
                copyIn(rows.copyStatement(), rest);
                status.releaseSavepoint(savepoint);
                rest.forEach(row -> copied.add(row.row()));
                return;
            } catch (SQLException e) {
                status.rollbackToSavepoint(savepoint);
                status.releaseSavepoint(savepoint);
                List<Violation> violations = rows.violations(e);
                if (violations.isEmpty()) {
                    throw new ImportFailedException("The database refused the import; the rows counted as done are stored", e);
                }
                if (rest.size() == 1) {
                    progress.reject(rest.getFirst().line(), violations);
                    return;
                }
                int failed = failedIndex(e, rest.size());
                if (failed >= 0) {
                    // The rows before the one named went in before it failed; the one named is tried alone, so a
                    // line PostgreSQL names wrongly costs a COPY, never a good row.
                    copy(status, rows, rest.subList(0, failed), copied, progress);
                    copy(status, rows, rest.subList(failed, failed + 1), copied, progress);
                    rest = rest.subList(failed + 1, rest.size());
                } else {
                    int half = rest.size() / 2;
                    copy(status, rows, rest.subList(0, half), copied, progress);
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

    /** The job's counters; a chunk works on a copy, taken over only when its transaction commits. */
    private static final class Progress {

        private final int maxListed;
        long rowsRead;
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

        Progress copy() {
            Progress copy = new Progress(maxListed);
            copy.takeFrom(this);
            copy.rejected = new ArrayList<>(rejected);
            return copy;
        }

        void takeFrom(Progress other) {
            rowsRead = other.rowsRead;
            rowsDone = other.rowsDone;
            rowsRejected = other.rowsRejected;
            rejected = other.rejected;
        }
    }

    /** A failure of the whole import, with a message fit for the client. */
    static final class ImportFailedException extends RuntimeException {

        ImportFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
