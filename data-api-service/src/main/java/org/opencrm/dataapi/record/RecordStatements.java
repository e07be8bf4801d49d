package org.opencrm.dataapi.record;

import static org.opencrm.schema.SqlIdentifiers.quote;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.opencrm.dataapi.query.OrderBy;
import org.opencrm.dataapi.query.SqlParameters;
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

    /** The prefix of the columns a page adds for its cursors: {@code __cursor0}, {@code __cursor1}, ... */
    static final String CURSOR_COLUMN = "__cursor";
    private static final String RANK_COLUMN = "__rank";

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

    /**
     * A page of live rows matching {@code filter}, in {@code order}, one row more than {@code limit} to tell whether
     * more follow, each with its sort key values as text in columns {@code __cursor0..n} for its cursor.
     *
     * @param filter a condition from {@code FilterSql} whose values are in {@code parameters}
     * @param keyset a condition from {@code Keyset} placing the page after a cursor, or null
     */
    Statement page(String filter, String keyset, OrderBy order, int limit, SqlParameters parameters) {
        return page(filter, false, keyset, order, limit, parameters);
    }

    /** @param withDeleted soft-deleted rows too, for a filter that names {@code deletedAt} as Twenty has it */
    Statement page(String filter, boolean withDeleted, String keyset, OrderBy order, int limit,
            SqlParameters parameters) {
        StringBuilder sql = new StringBuilder("SELECT *");
        List<OrderBy.SortKey> keys = order.keys();
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", CAST(").append(keys.get(i).field().sql()).append(" AS text) AS ").append(quote(CURSOR_COLUMN + i));
        }
        sql.append(" FROM ").append(table.qualifiedName()).append(" WHERE ").append(withDeleted ? "TRUE" : LIVE);
        if (!filter.equals("TRUE")) {
            sql.append(" AND ").append(filter);
        }
        if (keyset != null) {
            sql.append(" AND ").append(keyset);
        }
        sql.append(" ORDER BY ").append(order.sql()).append(" LIMIT ").append(parameters.bind(limit + 1));
        return new Statement(sql.toString(), parameters.source());
    }

    /** How many rows match {@code filter}: live ones only unless {@code withDeleted}. */
    Statement count(String filter, boolean withDeleted, SqlParameters parameters) {
        return new Statement("SELECT count(*) FROM " + table.qualifiedName() + " WHERE " + (withDeleted ? "TRUE" : LIVE)
                + (filter.equals("TRUE") ? "" : " AND " + filter), parameters.source());
    }

    /** The live rows with these ids, for the many-to-one side of a relation. */
    Statement liveByIds(Collection<UUID> ids) {
        return new Statement("SELECT * FROM " + table.qualifiedName() + " WHERE " + ID + " IN (:ids) AND " + LIVE,
                new MapSqlParameterSource("ids", ids));
    }

    /**
     * The live rows whose foreign key is one of {@code ids}, at most {@code perParent} per id in {@code order}, for
     * the one-to-many side of a relation.
     */
    Statement liveByForeignKey(String foreignKey, Collection<UUID> ids, OrderBy order, int perParent) {
        String key = quote(foreignKey);
        return new Statement("SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY " + key + " ORDER BY "
                + order.sql() + ") AS " + quote(RANK_COLUMN) + " FROM " + table.qualifiedName() + " WHERE " + key
                + " IN (:ids) AND " + LIVE + ") ranked WHERE " + quote(RANK_COLUMN) + " <= :perParent ORDER BY "
                + key + ", " + quote(RANK_COLUMN),
                new MapSqlParameterSource("ids", ids).addValue("perParent", perParent));
    }

    private String bind(ColumnValue value, MapSqlParameterSource parameters) {
        String parameter = "p" + parameters.getParameterNames().length;
        Object bound = ColumnValues.toJdbc(value.value(), value.column());
        parameters.addValue(parameter, bound);
        return ColumnValues.placeholder(table.schema(), value.column(), parameter, bound == null);
    }
}
