package org.opencrm.dataapi.record;

import static org.opencrm.schema.SqlIdentifiers.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The SQL of record reads and writes on one table: identifiers only through {@code SqlIdentifiers}, every value a
 * bound parameter, each write a single statement returning the row.
 */
final class RecordStatements {

    /** One statement and its parameters. */
    record Statement(String sql, MapSqlParameterSource parameters) {
    }

    private static final String ID = quote(SystemFields.ID);
    private static final String POSITION = quote(SystemFields.POSITION);
    private static final String DELETED_AT = quote(SystemFields.DELETED_AT);
    private static final String LIVE = DELETED_AT + " IS NULL";

    private final RecordTable table;

    RecordStatements(RecordTable table) {
        this.table = table;
    }

    /** @param appendPosition places the record after every other when the body sets no position */
    Statement insert(List<ColumnValue> values, boolean appendPosition) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        List<String> columns = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        for (ColumnValue value : values) {
            columns.add(quote(value.column().getName()));
            expressions.add(bind(value, parameters));
        }
        if (appendPosition) {
            columns.add(POSITION);
            expressions.add("(SELECT COALESCE(MAX(" + POSITION + "), 0) + 1 FROM " + table.qualifiedName() + ")");
        }
        String sql = "INSERT INTO " + table.qualifiedName() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", expressions) + ") RETURNING *";
        return new Statement(sql, parameters);
    }

    /** @param touchedColumn a timestamp column set to the statement's time ({@code updatedAt}), or null */
    Statement update(UUID id, List<ColumnValue> values, String touchedColumn) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("id", id);
        List<String> assignments = new ArrayList<>();
        for (ColumnValue value : values) {
            assignments.add(quote(value.column().getName()) + " = " + bind(value, parameters));
        }
        if (touchedColumn != null) {
            assignments.add(quote(touchedColumn) + " = now()");
        }
        String sql = "UPDATE " + table.qualifiedName() + " SET " + String.join(", ", assignments)
                + " WHERE " + ID + " = :id AND " + LIVE + " RETURNING *";
        return new Statement(sql, parameters);
    }

    Statement softDelete(UUID id) {
        return new Statement("UPDATE " + table.qualifiedName() + " SET " + DELETED_AT + " = now() WHERE " + ID
                + " = :id AND " + LIVE + " RETURNING *", new MapSqlParameterSource("id", id));
    }

    /** Destroys the row whether or not it was soft-deleted before, as Twenty's destroy does. */
    Statement destroy(UUID id) {
        return new Statement("DELETE FROM " + table.qualifiedName() + " WHERE " + ID + " = :id RETURNING *",
                new MapSqlParameterSource("id", id));
    }

    Statement findLive(UUID id, boolean lock) {
        return new Statement("SELECT * FROM " + table.qualifiedName() + " WHERE " + ID + " = :id AND " + LIVE
                + (lock ? " FOR UPDATE" : ""), new MapSqlParameterSource("id", id));
    }

    Statement countLive() {
        return new Statement("SELECT count(*) FROM " + table.qualifiedName() + " WHERE " + LIVE,
                new MapSqlParameterSource());
    }

    /**
     * A page of live rows in (position, id) order, one row more than {@code limit} to tell whether more follow.
     *
     * @param after  rows after this key, or null
     * @param before rows before this key, read backwards (the caller reverses them), or null
     */
    Statement page(int limit, RecordCursor after, RecordCursor before) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("limit", limit + 1);
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(table.qualifiedName()).append(" WHERE ").append(LIVE);
        String key = "(" + POSITION + ", " + ID + ")";
        if (after != null) {
            sql.append(" AND ").append(key).append(" > (:position, :cursorId)");
            parameters.addValue("position", after.position()).addValue("cursorId", after.id());
        }
        if (before != null) {
            sql.append(" AND ").append(key).append(" < (:position, :cursorId)");
            parameters.addValue("position", before.position()).addValue("cursorId", before.id());
            sql.append(" ORDER BY ").append(POSITION).append(" DESC, ").append(ID).append(" DESC");
        } else {
            sql.append(" ORDER BY ").append(POSITION).append(", ").append(ID);
        }
        sql.append(" LIMIT :limit");
        return new Statement(sql.toString(), parameters);
    }

    private String bind(ColumnValue value, MapSqlParameterSource parameters) {
        String parameter = "p" + parameters.getParameterNames().length;
        Object bound = ColumnValues.toJdbc(value.value(), value.column());
        parameters.addValue(parameter, bound);
        return ColumnValues.placeholder(table.schema(), value.column(), parameter, bound == null);
    }
}
