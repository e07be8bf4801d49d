package org.opencrm.dataapi.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

import jakarta.servlet.http.HttpServletRequest;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModels;
import org.opencrm.dataapi.record.InvalidRecordRequestException;
import org.opencrm.dataapi.record.RecordCaller;
import org.opencrm.dataapi.record.RecordCopyRows;
import org.opencrm.dataapi.record.RecordNotFoundException;
import org.opencrm.dataapi.record.Violation;
import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk imports: {@code POST /rest/imports/{plural}} takes a CSV or NDJSON body, spools it to disk and answers 202 with
 * the job; {@code GET /rest/imports/{id}} shows its progress. A body whose CSV header names unknown fields is refused
 * at once (400) and nothing is imported.
 */
@RestController
@RequestMapping("/rest/imports")
class ImportController {

    private static final String PROBLEMS = "https://opencrm.dev/problems/";
    private static final int LISTED_JOBS = 20;

    private final WorkspaceDataModels models;
    private final ImportJobs jobs;
    private final ImportRunner runner;
    private final ImportProperties properties;
    private final JsonMapper json;

    ImportController(WorkspaceDataModels models, ImportJobs jobs, ImportRunner runner, ImportProperties properties,
            JsonMapper json) {
        this.models = models;
        this.jobs = jobs;
        this.runner = runner;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping("/{plural}")
    ResponseEntity<ImportJob> start(@PathVariable String plural,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization, HttpServletRequest request)
            throws IOException, HttpMediaTypeNotSupportedException {
        RecordCaller caller = RecordCaller.of(CrmPrincipal.current(), authorization);
        ImportFormat format = format(contentType);
        long maxBytes = properties.maxBytes().toBytes();
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        ObjectModel object = object(caller, plural);
        RecordCopyRows rows = RecordCopyRows.of(caller.workspaceId(), object, caller.apiKey());
        Path body = spool(request.getInputStream(), maxBytes);
        try {
            checkHeader(format, body, rows);
            UUID jobId = UUID.randomUUID();
            jobs.insertQueued(jobId, caller.workspaceId(), object.id(), object.namePlural(), format);
            try {
                runner.submit(new Importer.Task(jobId, caller.workspaceId(), format, rows, body));
            } catch (RejectedExecutionException e) {
                jobs.failed(jobId, "Too many imports were waiting; nothing was imported");
                throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem(HttpStatus.SERVICE_UNAVAILABLE,
                        "import-queue-full", "Too many imports are waiting on this instance; retry later"), e);
            }
            ImportJob job = jobs.find(caller.workspaceId(), jobId).orElseThrow();
            return ResponseEntity.accepted().location(URI.create("/rest/imports/" + jobId)).body(job);
        } catch (RuntimeException e) {
            Files.deleteIfExists(body);
            throw e;
        }
    }

    @GetMapping("/{id}")
    ImportJob get(@PathVariable String id, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        RecordCaller caller = RecordCaller.of(CrmPrincipal.current(), authorization);
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordRequestException(List.of(new Violation("id", "type", "'id' must be a UUID, was '" + id + "'")));
        }
        return jobs.find(caller.workspaceId(), jobId)
                .orElseThrow(() -> new RecordNotFoundException("No import with id " + jobId));
    }

    /** The workspace's latest imports, newest first. */
    @GetMapping
    List<ImportJob> list(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return jobs.latest(RecordCaller.of(CrmPrincipal.current(), authorization).workspaceId(), LISTED_JOBS);
    }

    private static ImportFormat format(String contentType) throws HttpMediaTypeNotSupportedException {
        List<MediaType> supported = List.of(ImportFormat.CSV.mediaType(), ImportFormat.NDJSON.mediaType());
        if (contentType == null) {
            throw new HttpMediaTypeNotSupportedException((MediaType) null, supported);
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new HttpMediaTypeNotSupportedException(contentType);
        }
        return ImportFormat.of(type).orElseThrow(() -> new HttpMediaTypeNotSupportedException(type, supported));
    }

    private ObjectModel object(RecordCaller caller, String plural) {
        return models.current(caller.workspaceId(), caller.authorization()).objectByPlural(plural)
                .or(() -> models.reload(caller.workspaceId(), caller.authorization()).objectByPlural(plural))
                .orElseThrow(() -> new RecordNotFoundException("Object '" + plural + "' does not exist in this workspace"));
    }

    /** Copies the body to a file, refusing it once it passes the limit; the file is deleted on any failure. */
    private Path spool(InputStream in, long maxBytes) throws IOException {
        Files.createDirectories(properties.spoolDirectory());
        Path file = Files.createTempFile(properties.spoolDirectory(), "import-", ".body");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** A CSV header that names unknown fields fails the request, before a job exists. */
    private void checkHeader(ImportFormat format, Path body, RecordCopyRows rows) throws IOException {
        try (InputStream in = Files.newInputStream(body);
                ImportSource source = ImportSource.open(format, in, rows, json)) {
            // Opening reads and checks the header.
        }
    }

    private static ErrorResponseException tooLarge(long maxBytes) {
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem(HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large", "The import body exceeds the limit of " + maxBytes + " bytes"), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + type));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
