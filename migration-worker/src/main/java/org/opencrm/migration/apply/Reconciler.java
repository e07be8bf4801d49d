package org.opencrm.migration.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.opencrm.proto.metadata.v1.AddColumn;
import org.opencrm.proto.metadata.v1.ChangeEnumValues;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.CreateTable;
import org.opencrm.proto.metadata.v1.Reconcile;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.ddl.DdlRenderer;
import org.opencrm.schema.ddl.ForeignKeyNames;
import org.opencrm.schema.ddl.InvalidSchemaOperationException;
import org.opencrm.schema.ddl.SearchVectorExpression;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * Applies a Reconcile: compares the workspace schema in pg_catalog with the expected plan and reports each
 * difference in words; with repair, creates what is missing (schema, enum types and values, tables, columns,
 * foreign keys, indexes), each in a savepoint so that one that fails is reported and the others still go in. It
 * never drops or converts anything.
 */
@Component
class Reconciler {

    static final String REPAIRED = "repaired: ";

    private final JdbcTemplate jdbc;

    Reconciler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The differences found, in the caller's transaction; {@code status} takes the savepoints of repairs. */
    List<String> reconcile(MigrationRequest request, Reconcile reconcile, TransactionStatus status) {
        Run run = new Run(request, reconcile.getRepair(), status);
        run.check(reconcile.getExpectedList());
        return run.drift;
    }

    private final class Run {

        private final MigrationRequest request;
        private final String schema;
        private final boolean repair;
        private final TransactionStatus status;
        private final List<String> drift = new ArrayList<>();

        Run(MigrationRequest request, boolean repair, TransactionStatus status) {
            this.request = request;
            this.schema = request.schemaName();
            this.repair = repair;
            this.status = status;
        }

        void check(List<SchemaOperation> expected) {
            if (jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class, schema) == 0) {
                if (!difference("missing schema " + schema, expected.stream()
                        .filter(SchemaOperation::hasCreateSchema).findFirst().orElse(null))) {
                    return;
                }
            }
            Map<String, List<String>> enums = enumTypes();
            Set<String> expectedEnums = new LinkedHashSet<>();
            for (SchemaOperation operation : expected) {
                if (operation.hasCreateEnumType()) {
                    checkEnumType(operation, enums);
                    expectedEnums.add(operation.getCreateEnumType().getTypeName());
                }
            }
            enums.keySet().stream().filter(type -> !expectedEnums.contains(type))
                    .forEach(type -> drift.add("unexpected enum type " + type));
            Set<String> tables = new LinkedHashSet<>(jdbc.queryForList(
                    "SELECT relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY relname", String.class, schema));
            Set<String> expectedTables = new LinkedHashSet<>();
            for (SchemaOperation operation : expected) {
                if (operation.hasCreateTable()) {
                    CreateTable table = operation.getCreateTable();
                    expectedTables.add(table.getTable());
                    if (!tables.contains(table.getTable())) {
                        difference("missing table " + table.getTable(), operation);
                    } else {
                        checkColumns(table);
                    }
                }
            }
            tables.stream().filter(table -> !expectedTables.contains(table)).forEach(table -> drift.add("unexpected table " + table));
            checkForeignKeys(expected);
            checkIndexes(expected);
        }

        private void checkEnumType(SchemaOperation operation, Map<String, List<String>> enums) {
            String type = operation.getCreateEnumType().getTypeName();
            List<String> expectedValues = operation.getCreateEnumType().getValuesList();
            List<String> actual = enums.get(type);
            if (actual == null) {
                difference("missing enum type " + type, operation);
                return;
            }
            List<String> missing = expectedValues.stream().filter(value -> !actual.contains(value)).toList();
            List<String> extra = actual.stream().filter(value -> !expectedValues.contains(value)).toList();
            if (!missing.isEmpty()) {
                List<String> values = new ArrayList<>(actual);
                values.addAll(missing);
                difference("enum type " + type + " lacks values " + String.join(", ", missing), SchemaOperation.newBuilder()
                        .setChangeEnumValues(ChangeEnumValues.newBuilder().setTypeName(type).addAllValues(values)).build());
            }
            if (!extra.isEmpty()) {
                drift.add("enum type " + type + " has unexpected values " + String.join(", ", extra));
            }
        }

        private void checkColumns(CreateTable table) {
            String qualified = qualified(table.getTable());
            Map<String, Map<String, Object>> actual = new LinkedHashMap<>();
            for (Map<String, Object> row : jdbc.queryForList("""
                    SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type, atttypid::int8 AS type_oid,
                           attnotnull AS not_null, atthasdef AS has_default
                    FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum""",
                    qualified)) {
                actual.put((String) row.get("name"), row);
            }
            Set<String> expectedColumns = new LinkedHashSet<>();
            for (Column column : table.getColumnsList()) {
                expectedColumns.add(column.getName());
                String where = table.getTable() + "." + column.getName();
                Map<String, Object> row = actual.get(column.getName());
                if (row == null) {
                    // A NOT NULL column without a default cannot join a table holding rows: that repair fails and is
                    // reported, the rows are never filled with invented values.
                    difference("missing column " + where, SchemaOperation.newBuilder().setAddColumn(AddColumn.newBuilder()
                            .setTable(table.getTable()).setColumn(column)).build());
                    continue;
                }
                String expectedType = DdlRenderer.columnType(schema, column);
                Long expectedOid = jdbc.queryForObject("SELECT to_regtype(?)::oid::int8", Long.class, expectedType);
                if (!((Number) row.get("type_oid")).equals(expectedOid)) {
                    drift.add("column " + where + " is " + row.get("type") + ", expected " + expectedType);
                }
                boolean notNull = (Boolean) row.get("not_null");
                if (notNull == column.getNullable() && !column.getPrimaryKey()) {
                    drift.add("column " + where + (notNull ? " is NOT NULL, expected nullable" : " is nullable, expected NOT NULL"));
                }
                boolean expectsDefault = column.getDefaultValue().getValueCase() != ColumnDefault.ValueCase.VALUE_NOT_SET
                        || !SearchVectorExpression.sources(column).isEmpty();
                boolean hasDefault = (Boolean) row.get("has_default");
                if (expectsDefault != hasDefault) {
                    drift.add("column " + where + (hasDefault ? " has a default, expected none" : " has no default, expected one"));
                }
            }
            actual.keySet().stream().filter(column -> !expectedColumns.contains(column))
                    .forEach(column -> drift.add("unexpected column " + table.getTable() + "." + column));
        }

        private void checkForeignKeys(List<SchemaOperation> expected) {
            Set<String> actual = new LinkedHashSet<>(jdbc.queryForList("""
                    SELECT conname::text FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                    WHERE n.nspname = ? AND c.contype = 'f' ORDER BY conname""", String.class, schema));
            Set<String> expectedNames = new LinkedHashSet<>();
            for (SchemaOperation operation : expected) {
                if (operation.hasAddForeignKey()) {
                    String name = ForeignKeyNames.of(operation.getAddForeignKey().getTable(), operation.getAddForeignKey().getColumn());
                    expectedNames.add(name);
                    if (!actual.contains(name)) {
                        difference("missing foreign key " + name + " on " + operation.getAddForeignKey().getTable() + "."
                                + operation.getAddForeignKey().getColumn(), operation);
                    }
                }
            }
            actual.stream().filter(name -> !expectedNames.contains(name)).forEach(name -> drift.add("unexpected foreign key " + name));
        }

        private void checkIndexes(List<SchemaOperation> expected) {
            // Indexes that back a constraint (the primary keys) are the constraint's, not the plan's.
            Set<String> actual = new LinkedHashSet<>(jdbc.queryForList("""
                    SELECT c.relname::text FROM pg_index i
                    JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                    ORDER BY c.relname""", String.class, schema));
            Set<String> expectedNames = new LinkedHashSet<>();
            for (SchemaOperation operation : expected) {
                if (operation.hasCreateIndex()) {
                    String name = operation.getCreateIndex().getName();
                    expectedNames.add(name);
                    if (!actual.contains(name)) {
                        difference("missing index " + name + " on " + operation.getCreateIndex().getTable(), operation);
                    }
                }
            }
            actual.stream().filter(name -> !expectedNames.contains(name)).forEach(name -> drift.add("unexpected index " + name));
        }

        /**
         * Reports a difference and, with repair and an operation that creates what is missing, applies it in a
         * savepoint. Returns whether the missing thing exists afterwards.
         */
        private boolean difference(String description, SchemaOperation creating) {
            if (!repair || creating == null) {
                drift.add(description);
                return false;
            }
            Object savepoint = status.createSavepoint();
            try {
                DdlRenderer.render(request.workspaceId(), schema, List.of(creating), this::enumValues).forEach(jdbc::execute);
                status.releaseSavepoint(savepoint);
                drift.add(REPAIRED + description);
                return true;
            } catch (InvalidSchemaOperationException | DataAccessException e) {
                status.rollbackToSavepoint(savepoint);
                DdlFailure failure = DdlFailure.of(e);
                if (failure.kind() == DdlFailure.Kind.INFRASTRUCTURE && e instanceof DataAccessException) {
                    throw e;
                }
                drift.add(description + " (could not repair: " + (e instanceof InvalidSchemaOperationException ? e.getMessage() : failure.reason()) + ")");
                return false;
            }
        }

        private Optional<List<String>> enumValues(String type) {
            return Optional.ofNullable(enumTypes().get(type));
        }

        private Map<String, List<String>> enumTypes() {
            Map<String, List<String>> types = new LinkedHashMap<>();
            jdbc.query("""
                    SELECT t.typname::text AS type, e.enumlabel::text AS label FROM pg_type t
                    JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
                    WHERE n.nspname = ? ORDER BY t.typname, e.enumsortorder""",
                    (RowCallbackHandler) rs -> types.computeIfAbsent(rs.getString("type"), key -> new ArrayList<>())
                            .add(rs.getString("label")), schema);
            return types;
        }

        private String qualified(String table) {
            return SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(table);
        }
    }
}
