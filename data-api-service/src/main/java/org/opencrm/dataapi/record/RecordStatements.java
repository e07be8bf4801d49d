package org.opencrm.dataapi.record;

import static org.opencrm.schema.SqlIdentifiers.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.dataapi.query.OrderBy;
import org.opencrm.dataapi.query.SqlParameters;
import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The SQL of record reads and writes on one table: identifiers only through {@code SqlIdentifiers}, every value a
 * bound parameter, each write a single statement returning the rows it wrote.
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

    /**
     * The position a record takes when its body sets none: the statement's time in epoch milliseconds (a double
     * keeps it to the microsecond), plus the row's ordinal in microseconds so a batch keeps its order. New records
     * land after every record created before them, as {@code MAX(position) + 1} did, without reading the table.
     */
    static final String DEFAULT_POSITION = "(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 + %d * 0.001)";

    /** @param appendPosition places the record after every other when the body sets no position */
    Statement insert(List<ColumnValue> values, boolean appendPosition) {
        return insertMany(List.of(values), appendPosition ? List.of(true) : List.of(false), null);
    }

    /**
     * One multi-row INSERT of every row. Rows may set different columns: a column some row leaves out takes its
     * default there ({@code DEFAULT}), as a single insert would.
     *
     * @param appendPosition per row, whether the row takes {@link #DEFAULT_POSITION}
     * @param onConflict an {@code ON CONFLICT ...} clause or null
     */
    Statement insertMany(List<List<ColumnValue>> rows, List<Boolean> appendPosition, String onConflict) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        LinkedHashMap<String, org.opencrm.proto.metadata.v1.Column> columns = new LinkedHashMap<>();
        rows.forEach(row -> row.forEach(value -> columns.putIfAbsent(value.column().getName(), value.column())));
        boolean anyPosition = appendPosition.contains(true);
        List<String> tuples = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, ColumnValue> byColumn = new LinkedHashMap<>();
            rows.get(i).forEach(value -> byColumn.put(value.column().getName(), value));
            List<String> expressions = new ArrayList<>();
            for (String column : columns.keySet()) {
                ColumnValue value = byColumn.get(column);
                if (value != null) {
                    expressions.add(bind(value, parameters));
                } else if (column.equals(SystemFields.POSITION) && appendPosition.get(i)) {
                    expressions.add(DEFAULT_POSITION.formatted(i));
                } else {
                    expressions.add("DEFAULT");
                }
            }
            if (anyPosition && !columns.containsKey(SystemFields.POSITION)) {
                expressions.add(appendPosition.get(i) ? DEFAULT_POSITION.formatted(i) : "DEFAULT");
            }
            tuples.add("(" + String.join(", ", expressions) + ")");
        }
        List<String> quoted = new ArrayList<>(columns.keySet().stream().map(SqlIdentifiers::quote).toList());
        if (anyPosition && !columns.containsKey(SystemFields.POSITION)) {
            quoted.add(POSITION);
        }
        String sql = "INSERT INTO " + table.qualifiedName() + " (" + String.join(", ", quoted) + ") VALUES "
                + String.join(", ", tuples) + (onConflict == null ? "" : " " + onConflict) + " RETURNING " + table.columns();
        return new Statement(sql, parameters);
    }

    /**
     * {@code ON CONFLICT} on the partial unique index of live rows over {@code columns} (the primary key when it is
     * {@code id}), updating the columns the body set.
     *
     * @param skipWhenEmpty the indexed text columns the index leaves out when empty, part of its predicate
     */
    static String onConflictUpdate(List<String> columns, List<String> skipWhenEmpty, List<ColumnValue> values,
            String touchedColumn) {
        String target = "(" + String.join(", ", columns.stream().map(SqlIdentifiers::quote).toList()) + ")";
        if (!columns.equals(List.of(SystemFields.ID))) {
            target += " WHERE " + LIVE;
            if (!skipWhenEmpty.isEmpty()) {
                target += " AND (" + String.join(" OR ",
                        skipWhenEmpty.stream().map(column -> quote(column) + " <> ''").toList()) + ")";
            }
        }
        List<String> assignments = new ArrayList<>();
        for (ColumnValue value : values) {
            String column = value.column().getName();
            if (!columns.contains(column) && !column.equals(SystemFields.CREATED_BY)) {
                assignments.add(quote(column) + " = EXCLUDED." + quote(column));
            }
        }
        if (touchedColumn != null) {
            assignments.add(quote(touchedColumn) + " = now()");
        }
        if (assignments.isEmpty()) {
            assignments.add(ID + " = EXCLUDED." + ID);
        }
        return "ON CONFLICT " + target + " DO UPDATE SET " + String.join(", ", assignments);
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
                + " WHERE " + ID + " = :id AND " + LIVE + " RETURNING " + table.columns();
        return new Statement(sql, parameters);
    }

    Statement softDelete(UUID id) {
        return softDelete(List.of(id));
    }

    /** Soft-deletes the live rows among {@code ids}, in one statement. */
    Statement softDelete(List<UUID> ids) {
        return new Statement("UPDATE " + table.qualifiedName() + " SET " + DELETED_AT + " = now() WHERE " + ID
                + " = ANY(:ids) AND " + LIVE + " RETURNING " + table.columns(), ids(ids));
    }

    /** Clears {@code deletedAt} of the soft-deleted rows among {@code ids}. */
    Statement restore(List<UUID> ids) {
        return new Statement("UPDATE " + table.qualifiedName() + " SET " + DELETED_AT + " = NULL WHERE " + ID
                + " = ANY(:ids) AND " + DELETED_AT + " IS NOT NULL RETURNING " + table.columns(), ids(ids));
    }

    /** Destroys the row whether or not it was soft-deleted before, as Twenty's destroy does. */
    Statement destroy(UUID id) {
        return destroy(List.of(id));
    }

    Statement destroy(List<UUID> ids) {
        return new Statement("DELETE FROM " + table.qualifiedName() + " WHERE " + ID + " = ANY(:ids) RETURNING " + table.columns(),
                ids(ids));
    }

    /** Rows among {@code ids}, live or soft-deleted, locked for the write that follows. */
    Statement findAny(List<UUID> ids, boolean onlyDeleted) {
        return new Statement("SELECT " + table.columns() + " FROM " + table.qualifiedName() + " WHERE " + ID + " = ANY(:ids)"
                + (onlyDeleted ? " AND " + DELETED_AT + " IS NOT NULL" : "") + " FOR UPDATE", ids(ids));
    }

    Statement findLive(List<UUID> ids, boolean lock) {
        return new Statement("SELECT " + table.columns() + " FROM " + table.qualifiedName() + " WHERE " + ID + " = ANY(:ids) AND " + LIVE
                + (lock ? " FOR UPDATE" : ""), ids(ids));
    }

    /**
     * The live row whose columns equal the values (a unique key), locked: the row an upsert would update.
     */
    Statement findLiveBy(List<ColumnValue> key) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        List<String> conditions = new ArrayList<>();
        for (ColumnValue value : key) {
            conditions.add(quote(value.column().getName()) + " = " + bind(value, parameters));
        }
        return new Statement("SELECT " + table.columns() + " FROM " + table.qualifiedName() + " WHERE " + String.join(" AND ", conditions)
                + " AND " + LIVE + " FOR UPDATE", parameters);
    }

    /** Soft-deletes the live rows whose foreign key column points at one of {@code ids}. */
    Statement softDeleteReferencing(String column, List<UUID> ids) {
        return new Statement("UPDATE " + table.qualifiedName() + " SET " + DELETED_AT + " = now() WHERE "
                + quote(column) + " = ANY(:ids) AND " + LIVE + " RETURNING " + table.columns(), ids(ids));
    }

    /**
     * Restores the rows referencing one of {@code ids} in {@code target} that were soft-deleted with it (the same
     * {@code deletedAt}); runs before the targets themselves are restored.
     */
    Statement restoreReferencing(String column, RecordTable target, List<UUID> ids) {
        return new Statement("UPDATE " + table.qualifiedName() + " AS r SET " + DELETED_AT + " = NULL FROM "
                + target.qualifiedName() + " AS t WHERE r." + quote(column) + " = t." + ID + " AND t." + ID
                + " = ANY(:ids) AND t." + DELETED_AT + " IS NOT NULL AND r." + DELETED_AT + " = t." + DELETED_AT
                + " RETURNING " + table.columns("r"), ids(ids));
    }

    /** Rows, live or soft-deleted, whose foreign key column points at one of {@code ids}, locked. */
    Statement referencing(String column, List<UUID> ids) {
        return new Statement("SELECT " + table.columns() + " FROM " + table.qualifiedName() + " WHERE " + quote(column) + " = ANY(:ids)"
                + " FOR UPDATE", ids(ids));
    }

    /** Points the foreign key column of the rows referencing one of {@code ids} at {@code to}. */
    Statement moveReferences(String column, List<UUID> ids, UUID to, String touchedColumn) {
        MapSqlParameterSource parameters = ids(ids).addValue("to", to);
        return new Statement("UPDATE " + table.qualifiedName() + " SET " + quote(column) + " = :to"
                + (touchedColumn == null ? "" : ", " + quote(touchedColumn) + " = now()")
                + " WHERE " + quote(column) + " = ANY(:ids) RETURNING " + table.columns(), parameters);
    }

    /**
     * Live rows matching any of the criteria, each a set of columns that must all equal the given values (compared
     * as text), except the row {@code excluded}.
     */
    Statement matching(List<Map<String, String>> criteria, UUID excluded, int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("limit", limit);
        List<String> alternatives = new ArrayList<>();
        for (Map<String, String> criterion : criteria) {
            List<String> equalities = new ArrayList<>();
            criterion.forEach((column, value) -> {
                String parameter = "p" + parameters.getValues().size();
                parameters.addValue(parameter, value);
                equalities.add("CAST(" + quote(column) + " AS text) = :" + parameter);
            });
            alternatives.add("(" + String.join(" AND ", equalities) + ")");
        }
        String sql = "SELECT " + table.columns() + " FROM " + table.qualifiedName() + " WHERE " + LIVE + " AND ("
                + String.join(" OR ", alternatives) + ")";
        if (excluded != null) {
            sql += " AND " + ID + " <> :excluded";
            parameters.addValue("excluded", excluded);
        }
        return new Statement(sql + " ORDER BY " + POSITION + ", " + ID + " LIMIT :limit", parameters);
    }

    private static MapSqlParameterSource ids(List<UUID> ids) {
        return new MapSqlParameterSource("ids", ids.toArray(UUID[]::new));
    }

    Statement findLive(UUID id, boolean lock) {
        return new Statement("SELECT " + table.columns() + " FROM " + table.qualifiedName() + " WHERE " + ID + " = :id AND " + LIVE
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
        StringBuilder sql = new StringBuilder("SELECT ").append(table.columns());
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
        return new Statement("SELECT " + table.columns() + " FROM " + table.qualifiedName() + " WHERE " + ID + " IN (:ids) AND " + LIVE,
                new MapSqlParameterSource("ids", ids));
    }

    /**
     * The live rows whose foreign key is one of {@code ids}, at most {@code perParent} per id in {@code order}, for
     * the one-to-many side of a relation.
     */
    Statement liveByForeignKey(String foreignKey, Collection<UUID> ids, OrderBy order, int perParent) {
        String key = quote(foreignKey);
        return new Statement("SELECT * FROM (SELECT " + table.columns() + ", row_number() OVER (PARTITION BY " + key + " ORDER BY "
                + order.sql() + ") AS " + quote(RANK_COLUMN) + " FROM " + table.qualifiedName() + " WHERE " + key
                + " IN (:ids) AND " + LIVE + ") ranked WHERE " + quote(RANK_COLUMN) + " <= :perParent ORDER BY "
                + key + ", " + quote(RANK_COLUMN),
                new MapSqlParameterSource("ids", ids).addValue("perParent", perParent));
    }

    private String bind(ColumnValue value, MapSqlParameterSource parameters) {
        String parameter = "p" + parameters.getValues().size();
        Object bound = ColumnValues.toJdbc(value.value(), value.column());
        parameters.addValue(parameter, bound);
        return ColumnValues.placeholder(table.schema(), value.column(), parameter, bound == null);
    }
}
