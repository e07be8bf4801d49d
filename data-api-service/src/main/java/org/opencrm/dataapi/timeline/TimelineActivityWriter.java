package org.opencrm.dataapi.timeline;

import static org.opencrm.schema.SqlIdentifiers.quote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.opencrm.outbox.ProcessedEvents;
import org.opencrm.proto.Topics;
import org.opencrm.proto.records.v1.RecordChangeBatch;
import org.opencrm.proto.records.v1.RecordChanged;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.WorkspaceSchemaName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes record events and writes the {@code timelineActivity} row of each into the workspace's schema, in the
 * transaction that marks the event handled; workspaces whose model has no timelineActivity object are skipped.
 * It takes what one poll brings at once: the events of a workspace are marked and written in one transaction with
 * multi-row inserts, so under write load the timeline costs a commit per poll and workspace, not one per event.
 */
class TimelineActivityWriter {

    static final String CONSUMER = "data-api-service.timeline";

    /** The outbox names each message's type in this header; imports send {@link RecordChangeBatch}es. */
    private static final String EVENT_TYPE_HEADER = "eventType";
    private static final String BATCH_TYPE = RecordChangeBatch.getDescriptor().getFullName();

    private static final Logger LOG = LoggerFactory.getLogger(TimelineActivityWriter.class);

    private final JdbcTemplate jdbc;
    private final TimelineColumns columns;
    private final ProcessedEvents processedEvents;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;

    TimelineActivityWriter(JdbcTemplate jdbc, TimelineColumns columns, ProcessedEvents processedEvents,
            TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.columns = columns;
        this.processedEvents = processedEvents;
        this.transaction = transaction;
        this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @KafkaListener(topics = Topics.RECORD_CHANGES, containerFactory = TimelineConfiguration.LISTENER_FACTORY)
    void onMessages(List<ConsumerRecord<String, byte[]>> records) {
        List<RecordChanged> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Header type = record.headers().lastHeader(EVENT_TYPE_HEADER);
            if (type != null && BATCH_TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                writeAll(events);
                events.clear();
                onBatch(record.value());
            } else {
                parse(record.value()).ifPresent(events::add);
            }
        }
        writeAll(events);
    }

    /**
     * The events of one poll, workspace by workspace: deduplicated on their ids and written in one transaction. If
     * one of them fails (a record destroyed since), that workspace's events are written one by one instead, so the
     * others still get their activity.
     */
    void writeAll(List<RecordChanged> events) {
        Map<String, List<RecordChanged>> byWorkspace = new LinkedHashMap<>();
        events.forEach(event -> byWorkspace.computeIfAbsent(event.getWorkspaceId(), id -> new ArrayList<>())
                .add(event));
        byWorkspace.forEach((workspaceId, changes) -> {
            if (changes.size() == 1) {
                write(changes.getFirst());
                return;
            }
            String schema = WorkspaceSchemaName.of(UUID.fromString(workspaceId));
            Set<String> tableColumns = columns.of(schema);
            Map<UUID, Insert> inserts = new LinkedHashMap<>();
            for (RecordChanged change : changes) {
                TimelineActivities.of(change, tableColumns).ifPresent(row ->
                        inserts.put(UUID.fromString(change.getEventId()), Insert.of(schema, row)));
            }
            if (inserts.isEmpty()) {
                return;
            }
            try {
                transaction.executeWithoutResult(status -> {
                    Set<UUID> toDo = processedEvents.markAllProcessed(CONSUMER, inserts.keySet());
                    insertAll(inserts.entrySet().stream().filter(insert -> toDo.contains(insert.getKey()))
                            .map(Map.Entry::getValue).toList());
                });
            } catch (DataIntegrityViolationException e) {
                LOG.info("Writing the timeline of {} events one by one: {}", changes.size(),
                        e.getMostSpecificCause().getMessage());
                changes.forEach(this::write);
            }
        });
    }

    /**
     * An import's batch, deduplicated on the batch's id: its activities are written in one transaction, in
     * multi-row batches, since an import of 100,000 records would otherwise cost 100,000 transactions. If one of
     * them fails (a record destroyed since), the batch is written change by change instead, each deduplicated on
     * its own id, so the others still get their activity.
     */
    private void onBatch(byte[] payload) {
        RecordChangeBatch batch;
        String schema;
        UUID batchId;
        try {
            batch = RecordChangeBatch.parseFrom(payload);
            schema = WorkspaceSchemaName.of(UUID.fromString(batch.getWorkspaceId()));
            batchId = UUID.fromString(batch.getEventId());
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            LOG.warn("Ignoring an unreadable {} batch: {}", Topics.RECORD_CHANGES, e.getMessage());
            return;
        }
        Set<String> tableColumns = columns.of(schema);
        if (tableColumns.isEmpty()) {
            return;
        }
        List<Insert> inserts = new ArrayList<>();
        for (RecordChanged change : batch.getChangesList()) {
            if (!change.getWorkspaceId().equals(batch.getWorkspaceId())) {
                LOG.warn("Ignoring a change of workspace {} in a batch of workspace {}", change.getWorkspaceId(),
                        batch.getWorkspaceId());
                continue;
            }
            TimelineActivities.of(change, tableColumns).ifPresent(row -> inserts.add(Insert.of(schema, row)));
        }
        try {
            transaction.executeWithoutResult(status -> {
                if (processedEvents.markProcessed(CONSUMER, batchId)) {
                    insertAll(inserts);
                }
            });
        } catch (DataIntegrityViolationException e) {
            LOG.info("Writing the timeline of batch {} change by change: {}", batchId, e.getMostSpecificCause()
                    .getMessage());
            transaction.executeWithoutResult(status -> {
                if (processedEvents.markProcessed(CONSUMER, batchId)) {
                    batch.getChangesList().forEach(this::write);
                }
            });
        }
    }

    private static Optional<RecordChanged> parse(byte[] payload) {
        try {
            RecordChanged event = RecordChanged.parseFrom(payload);
            UUID.fromString(event.getWorkspaceId());
            UUID.fromString(event.getEventId());
            return Optional.of(event);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            // An unreadable event never becomes readable; retrying it would only hold back the partition.
            LOG.warn("Ignoring an unreadable {} message: {}", Topics.RECORD_CHANGES, e.getMessage());
            return Optional.empty();
        }
    }

    void write(RecordChanged event) {
        String schema = WorkspaceSchemaName.of(UUID.fromString(event.getWorkspaceId()));
        Set<String> tableColumns = columns.of(schema);
        Optional<TimelineActivities.Row> row = TimelineActivities.of(event, tableColumns);
        if (row.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (!processedEvents.markProcessed(CONSUMER, UUID.fromString(event.getEventId()))) {
                return;
            }
            insert(schema, event, row.get());
        });
    }

    /** The rows, those that set the same columns in one multi-row batch each. */
    private void insertAll(List<Insert> inserts) {
        Map<String, List<Object[]>> rowsBySql = new LinkedHashMap<>();
        inserts.forEach(insert -> rowsBySql.computeIfAbsent(insert.sql(), sql -> new ArrayList<>()).add(insert.values()));
        rowsBySql.forEach((sql, rows) -> jdbc.batchUpdate(sql, rows));
    }

    /** A record destroyed before its event is handled leaves no row to point at: that activity is dropped. */
    private void insert(String schema, RecordChanged event, TimelineActivities.Row row) {
        Insert insert = Insert.of(schema, row);
        try {
            savepoint.executeWithoutResult(status -> jdbc.update(insert.sql(), insert.values()));
        } catch (DataIntegrityViolationException e) {
            LOG.info("No timeline activity for {} {}: {}", event.getObjectNameSingular(), event.getRecordId(),
                    "its record no longer exists");
        }
    }

    /** The INSERT of one activity row: rows setting the same columns share their SQL, so they can be batched. */
    private record Insert(String sql, Object[] values) {

        static Insert of(String schema, TimelineActivities.Row row) {
            List<String> names = new ArrayList<>();
            List<String> placeholders = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            row.values().forEach((column, value) -> {
                names.add(quote(column));
                placeholders.add(column.equals("properties") ? "CAST(? AS jsonb)" : "?");
                values.add(value);
            });
            return new Insert("INSERT INTO " + SqlIdentifiers.qualify(schema, TimelineColumns.TABLE) + " ("
                    + String.join(", ", names) + ") VALUES (" + String.join(", ", placeholders) + ")",
                    values.toArray());
        }
    }
}
