package org.opencrm.dataapi.record;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * The one place that decides what a failed statement means to the client: a broken constraint names the field at
 * fault, a lost connection is worth a retry, anything else is the server's fault and shows no SQL.
 */
final class RecordSqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String NOT_NULL_VIOLATION = "23502";
    private static final String CHECK_VIOLATION = "23514";
    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String UNDEFINED_SCHEMA = "3F000";
    /** A column the cached data model names is gone: a rename or drop applied before its event arrived here. */
    private static final String UNDEFINED_COLUMN = "42703";
    /** "cached plan must not change result type": a column's type changed under a prepared statement. */
    private static final String FEATURE_NOT_SUPPORTED = "0A000";

    /** {@code Key ("emailsPrimaryEmail")=(...) already exists.}: the columns of the broken key. */
    private static final Pattern KEY_COLUMNS = Pattern.compile("Key \\((.+?)\\)=");

    /** {@code Key ("companyId")=(0a1b...) is not present ...}: the broken key's columns and values. */
    private static final Pattern KEY_VALUES = Pattern.compile("Key \\((.+?)\\)=\\((.+?)\\)");

    private RecordSqlErrors() {
    }

    static RuntimeException translate(RecordTable table, DataAccessException failure) {
        if (failure instanceof TransientDataAccessException || failure instanceof DataAccessResourceFailureException) {
            return new RecordStoreUnavailableException("The record store is unavailable; retry later", failure);
        }
        SQLException sql = sqlException(failure);
        String state = sql == null ? null : sql.getSQLState();
        if (state == null) {
            return failure;
        }
        ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String detail = server == null || server.getDetail() == null ? "" : server.getDetail();
        List<String> paths = paths(table, columns(server, detail));
        String field = paths.isEmpty() ? "body" : paths.getFirst();
        return switch (state) {
            case UNIQUE_VIOLATION -> new RecordConflictException(
                    "A " + table.object().nameSingular() + " with the same " + String.join(", ", paths) + " already exists");
            case FOREIGN_KEY_VIOLATION -> detail.contains("still referenced")
                    ? new RecordConflictException("The " + table.object().nameSingular()
                            + " is still referenced by other records that forbid its deletion")
                    : InvalidRecordRequestException.of(field, "reference",
                            "'" + field + "' references a record that does not exist");
            case NOT_NULL_VIOLATION -> InvalidRecordRequestException.of(field, "required", "'" + field + "' is required");
            case CHECK_VIOLATION -> InvalidRecordRequestException.of(field, "check",
                    "a value breaks a rule of " + table.object().nameSingular());
            case UNDEFINED_TABLE, UNDEFINED_SCHEMA -> RecordNotFoundException.object(table.object().namePlural());
            // The driver re-prepares the statement after this failure and the schema event refreshes the model, so
            // the same request succeeds when retried.
            case UNDEFINED_COLUMN, FEATURE_NOT_SUPPORTED -> new SchemaChangedException(
                    "The schema of " + table.object().namePlural() + " is changing; retry", failure);
            default -> state.startsWith(DATA_EXCEPTION_CLASS)
                    ? InvalidRecordRequestException.of(field, "value", "a value is out of the range its field accepts")
                    : failure;
        };
    }

    /**
     * As {@link #translate}, for a statement that wrote several rows: a broken key names the index of the first row
     * holding the key's value ({@code [2].companyId}).
     */
    static RuntimeException translateBatch(RecordTable table, DataAccessException failure,
            List<List<ColumnValue>> rows) {
        return translateBatch(table, failure, rows, 0);
    }

    /** @param firstIndex the index in the request of {@code rows}' first row */
    static RuntimeException translateBatch(RecordTable table, DataAccessException failure,
            List<List<ColumnValue>> rows, int firstIndex) {
        RuntimeException translated = translate(table, failure);
        SQLException sql = sqlException(failure);
        ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String detail = server == null || server.getDetail() == null ? "" : server.getDetail();
        Matcher key = KEY_VALUES.matcher(detail);
        Integer index = null;
        if (key.find() && !key.group(1).contains(",")) {
            String column = key.group(1).strip().replace("\"", "");
            String value = key.group(2);
            for (int i = 0; i < rows.size() && index == null; i++) {
                for (ColumnValue columnValue : rows.get(i)) {
                    if (columnValue.column().getName().equals(column) && columnValue.value() != null
                            && value.equals(columnValue.value().asString())) {
                        index = firstIndex + i;
                        break;
                    }
                }
            }
        }
        if (index == null && rows.size() == 1) {
            index = firstIndex;
        }
        if (index == null) {
            return translated;
        }
        int at = index;
        return switch (translated) {
            case InvalidRecordRequestException invalid -> new InvalidRecordRequestException(invalid.violations()
                    .stream()
                    .map(v -> new Violation("[" + at + "]." + v.field(), v.rule(), "record " + at + ": " + v.message()))
                    .toList());
            case RecordConflictException conflict -> new RecordConflictException("record " + at + ": "
                    + conflict.getMessage());
            default -> translated;
        };
    }

    private static SQLException sqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static List<String> columns(ServerErrorMessage server, String detail) {
        List<String> columns = new ArrayList<>();
        if (server != null && server.getColumn() != null) {
            columns.add(server.getColumn());
        }
        Matcher key = KEY_COLUMNS.matcher(detail);
        if (key.find()) {
            for (String column : key.group(1).split(",")) {
                columns.add(column.strip().replace("\"", ""));
            }
        }
        return columns;
    }

    private static List<String> paths(RecordTable table, List<String> columns) {
        return columns.stream()
                .map(column -> RecordKey.pathOfColumn(table.object(), column).orElse(column))
                .distinct()
                .toList();
    }
}
