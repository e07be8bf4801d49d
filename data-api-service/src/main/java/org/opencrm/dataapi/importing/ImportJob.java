package org.opencrm.dataapi.importing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import as its job resource shows it.
 *
 * @param rowsTotal the rows of the body, known once it has been read to the end; null until then
 * @param rejected  the first rejected rows with their reasons; {@code rowsRejected} counts them all
 * @param error     why a FAILED import stopped; null otherwise
 */
record ImportJob(UUID id, UUID workspaceId, String object, ImportFormat format, Status status, long rowsDone,
        Long rowsTotal, long rowsRejected, List<Rejection> rejected, String error, Instant createdAt,
        Instant startedAt, Instant finishedAt) {

    enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED
    }

    /** A row left out: its line in the body (the header is line 1 of a CSV), the property at fault and why. */
    record Rejection(long line, String field, String reason) {
    }
}
