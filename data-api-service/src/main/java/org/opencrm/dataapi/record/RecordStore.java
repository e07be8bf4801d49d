package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    /** The live record with {@code depth} levels of related records nested in it. */
    @Transactional(readOnly = true)
    public Optional<ObjectNode> find(WorkspaceDataModel model, RecordTable table, UUID id, int depth) {
        Optional<ObjectNode> record = find(table, id);
        record.ifPresent(found -> related.nest(model, table.object(), List.of(found), depth));
        return record;
    }

    /**
     * A page of the live records matching the request's filter, in its order, after or before its cursor; a filter
     * naming {@code deletedAt} sees soft-deleted records too, as in Twenty. The total is counted with the same filter
     * in the same transaction, except on a first page that holds every match (then it is the page's size).
     *
     * @throws InvalidQueryException when the filter or order does not fit the object
     * @throws InvalidRecordRequestException when a cursor is not one of this list
     */
    @Transactional(readOnly = true)
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
