package org.opencrm.dataapi.record;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.proto.records.v1.RecordAction;
import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the rows of workspace tables; each write and its {@code RecordChanged} commit together or not at
 * all.
 */
class RecordStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final RecordEvents events;

    RecordStore(NamedParameterJdbcTemplate jdbc, RecordEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public ObjectNode create(RecordTable table, List<ColumnValue> values) {
        boolean appendPosition = table.object().field(SystemFields.POSITION).isPresent()
                && values.stream().noneMatch(value -> value.column().getName().equals(SystemFields.POSITION));
        ObjectNode created = queryOne(table, new RecordStatements(table).insert(values, appendPosition)).orElseThrow();
        events.changed(table, RecordAction.RECORD_ACTION_CREATED, null, created, List.of());
        return created;
    }

    @Transactional(readOnly = true)
    public Optional<ObjectNode> find(RecordTable table, UUID id) {
        return queryOne(table, new RecordStatements(table).findLive(id, false));
    }

    @Transactional(readOnly = true)
    public RecordPage page(RecordTable table, int limit, RecordCursor after, RecordCursor before) {
        RecordStatements statements = new RecordStatements(table);
        RecordStatements.Statement count = statements.countLive();
        long totalCount = jdbc.queryForObject(count.sql(), count.parameters(), Long.class);
        RecordStatements.Statement page = statements.page(limit, after, before);
        List<ObjectNode> rows = jdbc.query(page.sql(), page.parameters(), new RecordRowMapper(table.object()));
        return RecordPage.of(rows, limit, after, before, totalCount);
    }

    @Transactional
    public Optional<ObjectNode> update(RecordTable table, UUID id, List<ColumnValue> values, List<String> fields) {
        RecordStatements statements = new RecordStatements(table);
        Optional<ObjectNode> before = queryOne(table, statements.findLive(id, true));
        if (before.isEmpty()) {
            return Optional.empty();
        }
        String touched = table.object().field(SystemFields.UPDATED_AT).isPresent() ? SystemFields.UPDATED_AT : null;
        ObjectNode after = queryOne(table, statements.update(id, values, touched)).orElseThrow();
        events.changed(table, RecordAction.RECORD_ACTION_UPDATED, before.get(), after, fields);
        return Optional.of(after);
    }

    /** Sets {@code deletedAt}: the record disappears from reads but can be restored. */
    @Transactional
    public Optional<ObjectNode> softDelete(RecordTable table, UUID id) {
        Optional<ObjectNode> after = queryOne(table, new RecordStatements(table).softDelete(id));
        after.ifPresent(record -> {
            ObjectNode before = record.deepCopy();
            before.putNull(SystemFields.DELETED_AT);
            events.changed(table, RecordAction.RECORD_ACTION_DELETED, before, record, List.of(SystemFields.DELETED_AT));
        });
        return after;
    }

    @Transactional
    public Optional<ObjectNode> destroy(RecordTable table, UUID id) {
        Optional<ObjectNode> before = queryOne(table, new RecordStatements(table).destroy(id));
        before.ifPresent(record -> events.changed(table, RecordAction.RECORD_ACTION_DESTROYED, record, null, List.of()));
        return before;
    }

    private Optional<ObjectNode> queryOne(RecordTable table, RecordStatements.Statement statement) {
        return jdbc.query(statement.sql(), statement.parameters(), new RecordRowMapper(table.object()))
                .stream()
                .findFirst();
    }
}
