package org.opencrm.dataapi.record;

import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModel;
import org.opencrm.dataapi.query.Filter;
import org.opencrm.dataapi.query.FilterParser;
import org.opencrm.dataapi.query.FilterSql;
import org.opencrm.dataapi.query.InvalidQueryException;
import org.opencrm.dataapi.query.Keyset;
import org.opencrm.dataapi.query.OrderBy;
import org.opencrm.dataapi.query.SqlParameters;
import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the rows of workspace tables; each write and its {@code RecordChanged} commit together or not at
 * all.
 */
class RecordStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final RecordEvents events;
    private final RecordCursor cursors;
    private final RelatedRecords related;

    RecordStore(NamedParameterJdbcTemplate jdbc, RecordEvents events, RecordCursor cursors) {
        this.jdbc = jdbc;
        this.events = events;
        this.cursors = cursors;
        this.related = new RelatedRecords(jdbc);
    }

    @Transactional
    public ObjectNode create(RecordTable table, List<ColumnValue> values) {
        return createMany(table, List.of(values)).getFirst();
    }

    /** Every row in one INSERT and every event in one outbox batch: all of them or none. */
    @Transactional
    public List<ObjectNode> createMany(RecordTable table, List<List<ColumnValue>> rows) {
        List<Boolean> appendPosition = rows.stream().map(values -> appendsPosition(table, values)).toList();
        RecordStatements.Statement insert = new RecordStatements(table).insertMany(rows, appendPosition, null);
        List<ObjectNode> created = jdbc.query(insert.sql(), insert.parameters(), new RecordRowMapper(table.object()));
        events.changed(table, created.stream()
                .map(record -> new RecordEvents.Change(RecordAction.RECORD_ACTION_CREATED, null, record, List.of()))
                .toList());
        return created;
    }

    /**
     * Creates the record, or updates the live record with the same key: {@code INSERT ... ON CONFLICT} on the key's
     * unique index. The row is read and locked first, so the event tells a creation from an update and carries the
     * record as it was.
     *
     * @param key the values of the unique key the record is matched on
     * @param conflictColumns the columns of that key's unique index
     * @param skipWhenEmpty the columns that index leaves out when empty
     */
    @Transactional
    public Upserted upsert(RecordTable table, List<ColumnValue> values, List<ColumnValue> key,
            List<String> conflictColumns, List<String> skipWhenEmpty, List<String> fields) {
        RecordStatements statements = new RecordStatements(table);
        Optional<ObjectNode> before = queryOne(table, statements.findLiveBy(key));
        String onConflict = RecordStatements.onConflictUpdate(conflictColumns, skipWhenEmpty, values, touched(table));
        RecordStatements.Statement insert = statements.insertMany(List.of(values),
                List.of(appendsPosition(table, values)), onConflict);
        ObjectNode after = queryOne(table, insert).orElseThrow();
        if (before.isPresent()) {
            events.changed(table, RecordAction.RECORD_ACTION_UPDATED, before.get(), after, fields);
        } else {
            events.changed(table, RecordAction.RECORD_ACTION_CREATED, null, after, List.of());
        }
        return new Upserted(after, before.isEmpty());
    }

    /** The record an upsert wrote, and whether it was created. */
    record Upserted(ObjectNode record, boolean created) {
    }

    /** Runs several writes of this store in one transaction. */
    @Transactional
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    /**
     * The live record with {@code depth} levels of related records nested in it.
     *
     * <p>Reads run without a transaction (SUPPORTS: joining one if the caller has it), on one connection for the
     * call: at READ COMMITTED a read-only transaction gives each statement its own snapshot all the same, and costs
     * a COMMIT round trip on every request.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<ObjectNode> find(WorkspaceDataModel model, RecordTable table, UUID id, int depth) {
        Optional<ObjectNode> record = queryOne(table, new RecordStatements(table).findLive(id, false));
        record.ifPresent(found -> related.nest(model, table.object(), List.of(found), depth));
        return record;
    }

    /**
     * A page of the live records matching the request's filter, in its order, after or before its cursor; a filter
     * naming {@code deletedAt} sees soft-deleted records too, as in Twenty. The total is counted with the same filter
     * on the same connection, except on a first page that holds every match (then it is the page's size). Without a
     * transaction, as {@link #find}.
     *
     * @throws InvalidQueryException when the filter or order does not fit the object
     * @throws InvalidRecordRequestException when a cursor is not one of this list
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public RecordPage page(WorkspaceDataModel model, RecordTable table, ListRequest request) {
        ObjectModel object = table.object();
        Filter filter = request.filter() == null ? new Filter.All(List.of()) : FilterParser.parse(request.filter());
        OrderBy order = OrderBy.parse(request.orderBy(), object);
        SqlParameters parameters = new SqlParameters();
        String condition = FilterSql.render(filter, object, table.schema(), parameters);
        PageQuery page = request.page();
        boolean backwards = page.endingBefore() != null;
        String cursor = backwards ? page.endingBefore() : page.startingAfter();
        OrderBy readOrder = backwards ? order.reversed() : order;
        String keyset = null;
        if (cursor != null) {
            List<String> values = cursors.decode(cursor, backwards ? "ending_before" : "starting_after", object, order);
            keyset = Keyset.after(readOrder, values, table.schema(), parameters);
        }
        RecordStatements statements = new RecordStatements(table);
        boolean withDeleted = filter.mentions(SystemFields.DELETED_AT);
        RecordStatements.Statement select = statements.page(condition, withDeleted, keyset, readOrder, page.limit(),
                parameters);
        List<RecordPage.Row> rows = jdbc.query(select.sql(), select.parameters(), pageRows(object, order.keys().size()));
        long totalCount;
        if (cursor == null && rows.size() <= page.limit()) {
            totalCount = rows.size();
        } else if (!request.counted()) {
            totalCount = RecordPage.NOT_COUNTED;
        } else {
            RecordStatements.Statement count = statements.count(condition, withDeleted, parameters);
            totalCount = jdbc.queryForObject(count.sql(), count.parameters(), Long.class);
        }
        RecordPage result = RecordPage.of(rows, page.limit(), cursor != null, backwards, totalCount,
                row -> cursors.encode(object, order, row.sortValues()));
        related.nest(model, object, result.records(), request.depth());
        return result;
    }

    private static RowMapper<RecordPage.Row> pageRows(ObjectModel object, int sortKeys) {
        RecordRowMapper records = new RecordRowMapper(object);
        return (row, rowNum) -> {
            List<String> values = new ArrayList<>(sortKeys);
            for (int i = 0; i < sortKeys; i++) {
                values.add(row.getString(RecordStatements.CURSOR_COLUMN + i));
            }
            return new RecordPage.Row(records.mapRow(row, rowNum), values);
        };
    }

    @Transactional
    public Optional<ObjectNode> update(RecordTable table, UUID id, List<ColumnValue> values, List<String> fields) {
        RecordStatements statements = new RecordStatements(table);
        Optional<ObjectNode> before = queryOne(table, statements.findLive(id, true));
        if (before.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode after = queryOne(table, statements.update(id, values, touched(table))).orElseThrow();
        events.changed(table, RecordAction.RECORD_ACTION_UPDATED, before.get(), after, fields);
        return Optional.of(after);
    }

    /**
     * Sets {@code deletedAt} of the live records among {@code ids}: they disappear from reads but can be restored.
     * The others are left out of the answer.
     */
    @Transactional
    public List<ObjectNode> softDelete(RecordTable table, List<UUID> ids) {
        return softDelete(table, ids, List.of());
    }

    /**
     * Soft-deletes the live records among {@code ids} and, following {@code cascades}, the live records that
     * reference them, all with the transaction's time as {@code deletedAt}.
     */
    @Transactional
    public List<ObjectNode> softDelete(RecordTable table, List<UUID> ids, List<RelationCascade> cascades) {
        List<ObjectNode> deleted = query(table, new RecordStatements(table).softDelete(ids));
        deletedEvents(table, deleted);
        List<UUID> deletedIds = ids(deleted);
        if (!deletedIds.isEmpty()) {
            for (RelationCascade cascade : cascades) {
                RecordTable referencing = cascade.referencing();
                deletedEvents(referencing, query(referencing,
                        new RecordStatements(referencing).softDeleteReferencing(cascade.column(), deletedIds)));
            }
        }
        return deleted;
    }

    private void deletedEvents(RecordTable table, List<ObjectNode> deleted) {
        events.changed(table, deleted.stream().map(record -> {
            ObjectNode before = record.deepCopy();
            before.putNull(SystemFields.DELETED_AT);
            return new RecordEvents.Change(RecordAction.RECORD_ACTION_DELETED, before, record,
                    List.of(SystemFields.DELETED_AT));
        }).toList());
    }

    private static List<UUID> ids(List<ObjectNode> records) {
        return records.stream().map(record -> UUID.fromString(record.path("id").asString())).toList();
    }

    /**
     * Brings back the soft-deleted records among {@code ids} and, following {@code cascades}, the records a
     * cascading soft delete removed with them.
     */
    @Transactional
    public List<ObjectNode> restore(RecordTable table, List<UUID> ids, List<RelationCascade> cascades) {
        RecordStatements statements = new RecordStatements(table);
        Map<String, ObjectNode> before = new HashMap<>();
        query(table, statements.findAny(ids, true)).forEach(record -> before.put(record.path("id").asString(), record));
        for (RelationCascade cascade : cascades) {
            RecordTable referencing = cascade.referencing();
            List<ObjectNode> cascaded = query(referencing,
                    new RecordStatements(referencing).restoreReferencing(cascade.column(), table, ids));
            Map<String, ObjectNode> cascadedBefore = new HashMap<>();
            for (ObjectNode record : cascaded) {
                ObjectNode was = record.deepCopy();
                ObjectNode target = before.get(record.path(cascade.key()).asString());
                was.set(SystemFields.DELETED_AT, target == null ? null : target.get(SystemFields.DELETED_AT));
                cascadedBefore.put(record.path("id").asString(), was);
            }
            restoredEvents(referencing, cascaded, cascadedBefore);
        }
        List<ObjectNode> restored = query(table, statements.restore(ids));
        restoredEvents(table, restored, before);
        return restored;
    }

    /** @param before the records as they were, by id */
    private void restoredEvents(RecordTable table, List<ObjectNode> restored, Map<String, ObjectNode> before) {
        events.changed(table, restored.stream()
                .map(record -> new RecordEvents.Change(RecordAction.RECORD_ACTION_RESTORED,
                        before.get(record.path("id").asString()), record, List.of(SystemFields.DELETED_AT)))
                .toList());
    }

    @Transactional
    public Optional<ObjectNode> destroy(RecordTable table, UUID id) {
        return destroy(table, List.of(id)).stream().findFirst();
    }

    /** Destroys the records among {@code ids}, soft-deleted or not. */
    @Transactional
    public List<ObjectNode> destroy(RecordTable table, List<UUID> ids) {
        List<ObjectNode> destroyed = query(table, new RecordStatements(table).destroy(ids));
        events.changed(table, destroyed.stream()
                .map(record -> new RecordEvents.Change(RecordAction.RECORD_ACTION_DESTROYED, record, null, List.of()))
                .toList());
        return destroyed;
    }

    /** Live records among {@code ids}, locked for the write that follows, in no particular order. */
    @Transactional
    public List<ObjectNode> findLive(RecordTable table, List<UUID> ids, boolean lock) {
        return query(table, new RecordStatements(table).findLive(ids, lock));
    }

    @Transactional(readOnly = true)
    public List<ObjectNode> matching(RecordTable table, List<Map<String, String>> criteria, UUID excluded,
            int limit) {
        return criteria.isEmpty() ? List.of() : query(table, new RecordStatements(table).matching(criteria, excluded, limit));
    }

    /**
     * Points the many-to-one relation {@code key} of {@code referencing}'s records from any of {@code from} to
     * {@code to}, each moved record's change an update event.
     */
    @Transactional
    public List<ObjectNode> moveReferences(RecordTable referencing, String key, String column, List<UUID> from,
            UUID to) {
        RecordStatements statements = new RecordStatements(referencing);
        Map<String, ObjectNode> before = new HashMap<>();
        query(referencing, statements.referencing(column, from))
                .forEach(record -> before.put(record.path("id").asString(), record));
        if (before.isEmpty()) {
            return List.of();
        }
        List<ObjectNode> moved = query(referencing, statements.moveReferences(column, from, to, touched(referencing)));
        events.changed(referencing, moved.stream()
                .map(record -> new RecordEvents.Change(RecordAction.RECORD_ACTION_UPDATED,
                        before.get(record.path("id").asString()), record, List.of(key)))
                .toList());
        return moved;
    }

    private List<ObjectNode> query(RecordTable table, RecordStatements.Statement statement) {
        return jdbc.query(statement.sql(), statement.parameters(), new RecordRowMapper(table.object()));
    }

    private static boolean appendsPosition(RecordTable table, List<ColumnValue> values) {
        return table.object().field(SystemFields.POSITION).isPresent()
                && values.stream().noneMatch(value -> value.column().getName().equals(SystemFields.POSITION));
    }

    private static String touched(RecordTable table) {
        return table.object().field(SystemFields.UPDATED_AT).isPresent() ? SystemFields.UPDATED_AT : null;
    }

    private Optional<ObjectNode> queryOne(RecordTable table, RecordStatements.Statement statement) {
        return jdbc.query(statement.sql(), statement.parameters(), new RecordRowMapper(table.object()))
                .stream()
                .findFirst();
    }
}
