package org.opencrm.schema.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.proto.metadata.v1.AddColumn;
import org.opencrm.proto.metadata.v1.AddForeignKey;
import org.opencrm.proto.metadata.v1.AlterColumnType;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.CreateTable;
import org.opencrm.proto.metadata.v1.DefaultFunction;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.proto.metadata.v1.RenameColumn;
import org.opencrm.proto.metadata.v1.RenameConstraint;
import org.opencrm.proto.metadata.v1.RenameEnumType;
import org.opencrm.proto.metadata.v1.RenameIndex;
import org.opencrm.proto.metadata.v1.RenameTable;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.SetColumnDefault;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.WorkspaceSchemaName;

/**
 * Turns the operations of one migration into PostgreSQL DDL, one or a few statements per operation. Pure: it reads
 * only its arguments. Operations whose target is already in the requested state (a rename done, a drop of something
 * absent, a conversion made) render statements that do nothing then: {@code IF EXISTS} where PostgreSQL has it, else
 * a PL/pgSQL block that checks the catalog first. Every identifier is quoted, every value is a checked literal, and anything it cannot render safely
 * is rejected with an {@link InvalidSchemaOperationException} naming the operation and the part at fault.
 */
public final class DdlRenderer {

    /** The worker only ever changes workspace schemas, never {@code core} or {@code public}. */
    private static final String WORKSPACE_SCHEMA_PREFIX = "workspace_";
    private static final String REFERENCED_COLUMN = SqlIdentifiers.quote("id");
    private static final String DELETED_AT = SqlIdentifiers.quote("deletedAt");

    private final String schema;
    final ColumnDefinitions columns;

    private DdlRenderer(UUID workspaceId, String schemaName) {
        if (!schemaName.startsWith(WORKSPACE_SCHEMA_PREFIX)) {
            throw new InvalidSchemaOperationException("schema \"" + schemaName + "\" is not a workspace schema");
        }
        // The schema name travels in the event beside the workspace id; trusting it would let one workspace's
        // migration change another workspace's tables.
        String ownSchema = WorkspaceSchemaName.of(workspaceId);
        if (!schemaName.equals(ownSchema)) {
            throw new InvalidSchemaOperationException("schema \"" + schemaName + "\" is not the schema of workspace " + workspaceId
                    + ", which is \"" + ownSchema + "\"");
        }
        this.schema = Identifiers.quoted(schemaName, "schema name");
        this.columns = new ColumnDefinitions(schema);
    }

    /**
     * The current values of the workspace's enum types, as the catalog holds them when the migration starts.
     * ChangeEnumValues needs them to pick its cheapest path and to know which values it removes.
     */
    @FunctionalInterface
    public interface EnumCatalog {

        /** Knows no enum type: for migrations that change no existing enum type. */
        EnumCatalog NONE = typeName -> Optional.empty();

        /** The values of enum type {@code typeName} of the workspace schema in order; empty when there is none. */
        Optional<List<String>> values(String typeName);
    }

    /**
     * The statements of a migration on {@code schemaName}, in the order of its operations, for a migration that
     * changes no enum type created before it ({@link EnumCatalog#NONE}).
     *
     * @throws InvalidSchemaOperationException also when {@code schemaName} is not the schema of {@code workspaceId}
     */
    public static List<String> render(UUID workspaceId, String schemaName, List<SchemaOperation> operations) {
        return render(workspaceId, schemaName, operations, EnumCatalog.NONE);
    }

    /**
     * The statements of a migration on {@code schemaName}, in the order of its operations (an operation may take
     * several statements). {@code enumCatalog} gives the values of the enum types before the migration; the types
     * the migration itself creates, renames or changes are followed through it.
     *
     * @throws InvalidSchemaOperationException also when {@code schemaName} is not the schema of {@code workspaceId},
     *     and for a Reconcile, which only the worker can apply (it reads the catalog)
     */
    public static List<String> render(UUID workspaceId, String schemaName, List<SchemaOperation> operations,
            EnumCatalog enumCatalog) {
        DdlRenderer renderer = new DdlRenderer(workspaceId, schemaName);
        EnumChanges enums = new EnumChanges(renderer, enumCatalog, operations);
        List<String> statements = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            SchemaOperation operation = operations.get(i);
            try {
                statements.addAll(renderer.render(operation, enums));
            } catch (InvalidSchemaOperationException e) {
                String kind = operation.getOperationCase().name().toLowerCase(Locale.ROOT);
                throw new InvalidSchemaOperationException("operation " + (i + 1) + " (" + kind + "): " + e.getMessage());
            }
        }
        return statements;
    }

    /**
     * {@code CREATE [UNIQUE] INDEX CONCURRENTLY} for an index on a table too large to lock while it is built; to be
     * run outside any transaction.
     */
    public static String createIndexConcurrently(UUID workspaceId, String schemaName, CreateIndex index) {
        try {
            return new DdlRenderer(workspaceId, schemaName).createIndex(index)
                    .replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
        } catch (InvalidSchemaOperationException e) {
            throw new InvalidSchemaOperationException("create_index: " + e.getMessage());
        }
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS}, for the INVALID leftover of an interrupted concurrent build. */
    public static String dropIndexConcurrently(UUID workspaceId, String schemaName, String indexName) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + new DdlRenderer(workspaceId, schemaName).qualified(indexName, "index name");
    }

    /**
     * The SQL type of {@code column} in {@code schemaName} as the renderer writes it (e.g. {@code text[]},
     * {@code "workspace_x"."person_stage_enum"}), to compare with the catalog through {@code to_regtype}.
     */
    public static String columnType(String schemaName, Column column) {
        return new ColumnDefinitions(Identifiers.quoted(schemaName, "schema name")).type(column);
    }

    private List<String> render(SchemaOperation operation, EnumChanges enums) {
        return switch (operation.getOperationCase()) {
            case CREATE_SCHEMA -> List.of("CREATE SCHEMA " + schema);
            case CREATE_ENUM_TYPE -> {
                String statement = createEnumType(operation.getCreateEnumType());
                enums.created(operation.getCreateEnumType());
                yield List.of(statement);
            }
            case CREATE_TABLE -> List.of(createTable(operation.getCreateTable()));
            case ADD_COLUMN -> addColumn(operation.getAddColumn());
            case ADD_FOREIGN_KEY -> List.of(addForeignKey(operation.getAddForeignKey()));
            case CREATE_INDEX -> List.of(createIndex(operation.getCreateIndex()));
            case RENAME_TABLE -> List.of(renameTable(operation.getRenameTable()));
            case DROP_TABLE -> List.of("DROP TABLE IF EXISTS " + qualified(operation.getDropTable().getTable(), "table name"));
            case RENAME_COLUMN -> List.of(renameColumn(operation.getRenameColumn()));
            case DROP_COLUMN -> List.of("ALTER TABLE IF EXISTS " + qualified(operation.getDropColumn().getTable(), "table name")
                    + " DROP COLUMN IF EXISTS " + Identifiers.quoted(operation.getDropColumn().getColumn(), "column name"));
            case ALTER_COLUMN_TYPE -> List.of(alterColumnType(operation.getAlterColumnType()));
            case SET_COLUMN_DEFAULT -> List.of(setColumnDefault(operation.getSetColumnDefault()));
            case SET_COLUMN_NULLABLE -> List.of(alterColumn(operation.getSetColumnNullable().getTable(),
                    operation.getSetColumnNullable().getColumn())
                    + (operation.getSetColumnNullable().getNullable() ? " DROP NOT NULL" : " SET NOT NULL"));
            case DROP_INDEX -> List.of("DROP INDEX IF EXISTS " + qualified(operation.getDropIndex().getName(), "index name"));
            case DROP_FOREIGN_KEY -> List.of("ALTER TABLE IF EXISTS " + qualified(operation.getDropForeignKey().getTable(), "table name")
                    + " DROP CONSTRAINT IF EXISTS " + Identifiers.quoted(ForeignKeyNames.of(operation.getDropForeignKey().getTable(),
                    operation.getDropForeignKey().getColumn()), "foreign key name"));
            case RENAME_ENUM_TYPE -> {
                String statement = renameEnumType(operation.getRenameEnumType());
                enums.renamed(operation.getRenameEnumType().getFrom(), operation.getRenameEnumType().getTo());
                yield List.of(statement);
            }
            case DROP_ENUM_TYPE -> {
                String statement = "DROP TYPE IF EXISTS " + qualified(operation.getDropEnumType().getTypeName(), "enum type name");
                enums.dropped(operation.getDropEnumType().getTypeName());
                yield List.of(statement);
            }
            case CHANGE_ENUM_VALUES -> enums.change(operation.getChangeEnumValues());
            case RENAME_INDEX -> List.of(renameIndex(operation.getRenameIndex()));
            case RENAME_CONSTRAINT -> List.of(renameConstraint(operation.getRenameConstraint()));
            case RECONCILE -> throw new InvalidSchemaOperationException("is applied by migration-worker against the catalog, not rendered");
            case OPERATION_NOT_SET -> throw new InvalidSchemaOperationException("no operation is set");
        };
    }

    private String renameTable(RenameTable operation) {
        String from = qualified(operation.getFrom(), "table name");
        String to = Identifiers.quoted(operation.getTo(), "new table name");
        return renameGuarded(relationExists(from), relationExists(qualified(operation.getTo(), "new table name")),
                "ALTER TABLE " + from + " RENAME TO " + to, "table " + from + " does not exist");
    }

    private String renameColumn(RenameColumn operation) {
        String table = qualified(operation.getTable(), "table name");
        String from = Identifiers.quoted(operation.getFrom(), "column name");
        String to = Identifiers.quoted(operation.getTo(), "new column name");
        return renameGuarded(columnExists(table, operation.getFrom()), columnExists(table, operation.getTo()),
                "ALTER TABLE " + table + " RENAME COLUMN " + from + " TO " + to, "column " + from + " of " + table + " does not exist");
    }

    private String renameEnumType(RenameEnumType operation) {
        String from = qualified(operation.getFrom(), "enum type name");
        String to = Identifiers.quoted(operation.getTo(), "new enum type name");
        return renameGuarded(typeExists(from), typeExists(qualified(operation.getTo(), "new enum type name")),
                "ALTER TYPE " + from + " RENAME TO " + to, "enum type " + from + " does not exist");
    }

    private String renameIndex(RenameIndex operation) {
        String from = qualified(operation.getFrom(), "index name");
        String to = Identifiers.quoted(operation.getTo(), "new index name");
        return renameGuarded(relationExists(from), relationExists(qualified(operation.getTo(), "new index name")),
                "ALTER INDEX " + from + " RENAME TO " + to, "index " + from + " does not exist");
    }

    private String renameConstraint(RenameConstraint operation) {
        String table = qualified(operation.getTable(), "table name");
        String from = Identifiers.quoted(operation.getFrom(), "constraint name");
        String to = Identifiers.quoted(operation.getTo(), "new constraint name");
        return renameGuarded(constraintExists(table, operation.getFrom()), constraintExists(table, operation.getTo()),
                "ALTER TABLE " + table + " RENAME CONSTRAINT " + from + " TO " + to,
                "constraint " + from + " of " + table + " does not exist");
    }

    private String alterColumnType(AlterColumnType operation) {
        if (!operation.hasTarget()) {
            throw new InvalidSchemaOperationException("no target column is given");
        }
        Column target = operation.getTarget().toBuilder().setName(operation.getColumn()).build();
        String table = qualified(operation.getTable(), "table name");
        String column = Identifiers.quoted(operation.getColumn(), "column name");
        String targetType = columns.type(target);
        String using = ColumnConversions.using(new ColumnConversions.Shape(operation.getFromType(), operation.getFromArray()),
                new ColumnConversions.Shape(target.getType(), target.getArray()), column, targetType);
        String alter = alterColumn(operation.getTable(), operation.getColumn());
        List<String> statements = new ArrayList<>();
        statements.add(alter + " DROP DEFAULT");
        statements.add(alter + " TYPE " + targetType + " USING " + using);
        columns.defaultExpression(target, target.getDefaultValue()).ifPresent(expression -> statements.add(alter + " SET DEFAULT " + expression));
        statements.add(alter + (target.getNullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        // Converted already (a plan applied again): nothing to do. A missing column still fails, on the ALTER.
        String converted = "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(" + literal(table)
                + ") AND attname = " + literal(operation.getColumn()) + " AND attnum > 0 AND NOT attisdropped AND atttypid = to_regtype("
                + literal(targetType) + "))";
        return guarded("NOT " + converted, statements, null, null);
    }

    private String setColumnDefault(SetColumnDefault operation) {
        String alter = alterColumn(operation.getTable(), operation.getColumn());
        ColumnDefault value = operation.getDefaultValue();
        if (value.getValueCase() == ColumnDefault.ValueCase.VALUE_NOT_SET) {
            return alter + " DROP DEFAULT";
        }
        // The column's type is not in the operation: an enum value goes as an untyped literal, which PostgreSQL
        // reads as a value of the column's type (and refuses if it is not one).
        String expression = value.getValueCase() == ColumnDefault.ValueCase.ENUM_VALUE
                ? ColumnDefinitions.textLiteral(value.getEnumValue(), "enum default")
                : columns.defaultExpression(Column.newBuilder().setName(operation.getColumn()).setType(ColumnType.COLUMN_TYPE_TEXT).build(),
                        value).orElseThrow();
        return alter + " SET DEFAULT " + expression;
    }

    /** {@code ALTER TABLE "schema"."table" ALTER COLUMN "column"} */
    String alterColumn(String table, String column) {
        return "ALTER TABLE " + qualified(table, "table name") + " ALTER COLUMN " + Identifiers.quoted(column, "column name");
    }

    /**
     * A rename that is a no-op when already done: runs {@code statement} when {@code fromExists}; otherwise fails
     * with {@code missing} unless {@code toExists} (the rename happened before).
     */
    private static String renameGuarded(String fromExists, String toExists, String statement, String missing) {
        return guarded(fromExists, List.of(statement), toExists, missing);
    }

    /**
     * A PL/pgSQL block running {@code statements} when {@code condition} holds. When it does not and
     * {@code doneCondition} is given, the block raises {@code failure} unless {@code doneCondition} holds. The block
     * is one standard string literal; every statement inside is a literal again, so no text escapes its quoting.
     */
    static String guarded(String condition, List<String> statements, String doneCondition, String failure) {
        StringBuilder body = new StringBuilder("BEGIN IF ").append(condition).append(" THEN ");
        for (String statement : statements) {
            body.append("EXECUTE ").append(literal(statement)).append("; ");
        }
        if (doneCondition != null) {
            body.append("ELSIF NOT (").append(doneCondition).append(") THEN RAISE EXCEPTION '%', ").append(literal(failure)).append("; ");
        }
        body.append("END IF; END");
        return "DO " + literal(body.toString());
    }

    private static String relationExists(String qualifiedName) {
        return "to_regclass(" + literal(qualifiedName) + ") IS NOT NULL";
    }

    private static String typeExists(String qualifiedName) {
        return "to_regtype(" + literal(qualifiedName) + ") IS NOT NULL";
    }

    private static String columnExists(String qualifiedTable, String column) {
        return "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(" + literal(qualifiedTable) + ") AND attname = "
                + literal(column) + " AND attnum > 0 AND NOT attisdropped)";
    }

    private static String constraintExists(String qualifiedTable, String constraint) {
        return "EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(" + literal(qualifiedTable) + ") AND conname = "
                + literal(constraint) + ")";
    }

    private static String literal(String value) {
        return ColumnDefinitions.textLiteral(value, "name");
    }

    private String createEnumType(CreateEnumType operation) {
        String type = qualified(operation.getTypeName(), "enum type name");
        if (operation.getValuesCount() == 0) {
            throw new InvalidSchemaOperationException("enum type " + type + " has no values");
        }
        List<String> values = new ArrayList<>(operation.getValuesCount());
        for (String value : operation.getValuesList()) {
            if (value.isEmpty()) {
                throw new InvalidSchemaOperationException("enum type " + type + " has an empty value");
            }
            values.add(ColumnDefinitions.textLiteral(value, "enum value"));
        }
        return "CREATE TYPE " + type + " AS ENUM (" + String.join(", ", values) + ")";
    }

    private String createTable(CreateTable operation) {
        String table = qualified(operation.getTable(), "table name");
        if (operation.getColumnsCount() == 0) {
            throw new InvalidSchemaOperationException("table " + table + " has no columns");
        }
        List<String> parts = new ArrayList<>(operation.getColumnsCount() + 1);
        List<String> primaryKey = new ArrayList<>(1);
        for (Column column : operation.getColumnsList()) {
            parts.add(columns.definition(column));
            if (column.getPrimaryKey()) {
                primaryKey.add(SqlIdentifiers.quote(column.getName()));
            }
        }
        if (!primaryKey.isEmpty()) {
            parts.add("PRIMARY KEY (" + String.join(", ", primaryKey) + ")");
        }
        return "CREATE TABLE " + table + " (" + String.join(", ", parts) + ")";
    }

    private List<String> addColumn(AddColumn operation) {
        String table = qualified(operation.getTable(), "table name");
        if (!operation.hasColumn()) {
            throw new InvalidSchemaOperationException("no column is given");
        }
        Column column = operation.getColumn();
        String primaryKey = column.getPrimaryKey() ? " PRIMARY KEY" : "";
        if (column.getNullable() && !column.getPrimaryKey()
                && column.getDefaultValue().getValueCase() == ColumnDefault.ValueCase.FUNCTION
                && column.getDefaultValue().getFunction() != DefaultFunction.DEFAULT_FUNCTION_EMPTY_ARRAY) {
            // A default computed per row (gen_random_uuid(), now()) on ADD COLUMN would fill, and so rewrite, every
            // existing row under an exclusive lock: existing rows stay NULL, new rows get the default.
            Column withoutDefault = column.toBuilder().clearDefaultValue().build();
            String expression = columns.defaultExpression(column, column.getDefaultValue()).orElseThrow();
            return List.of("ALTER TABLE " + table + " ADD COLUMN " + columns.definition(withoutDefault),
                    alterColumn(operation.getTable(), column.getName()) + " SET DEFAULT " + expression);
        }
        return List.of("ALTER TABLE " + table + " ADD COLUMN " + columns.definition(column) + primaryKey);
    }

    private String addForeignKey(AddForeignKey operation) {
        String table = qualified(operation.getTable(), "table name");
        String column = Identifiers.quoted(operation.getColumn(), "column name");
        String referenced = qualified(operation.getReferencedTable(), "referenced table name");
        String onDelete = switch (operation.getOnDelete()) {
            case ON_DELETE_SET_NULL -> "SET NULL";
            case ON_DELETE_CASCADE -> "CASCADE";
            case ON_DELETE_RESTRICT -> "RESTRICT";
            case UNRECOGNIZED -> throw new InvalidSchemaOperationException("on delete action is unknown");
        };
        String constraint = SqlIdentifiers.quote(ForeignKeyNames.of(operation.getTable(), operation.getColumn()));
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " FOREIGN KEY (" + column + ") REFERENCES "
                + referenced + " (" + REFERENCED_COLUMN + ") ON DELETE " + onDelete;
    }

    private String createIndex(CreateIndex operation) {
        String name = Identifiers.quoted(operation.getName(), "index name");
        String table = qualified(operation.getTable(), "table name");
        if (operation.getColumnsCount() == 0) {
            throw new InvalidSchemaOperationException("index " + name + " has no columns");
        }
        String method = switch (operation.getMethod()) {
            case INDEX_METHOD_BTREE -> "btree";
            case INDEX_METHOD_GIN -> "gin";
            case UNRECOGNIZED -> throw new InvalidSchemaOperationException("index method is unknown");
        };
        if (operation.getUnique() && operation.getMethod() == IndexMethod.INDEX_METHOD_GIN) {
            throw new InvalidSchemaOperationException("a gin index cannot be unique");
        }
        List<String> indexed = new ArrayList<>(operation.getColumnsCount());
        for (String column : operation.getColumnsList()) {
            indexed.add(Identifiers.quoted(column, "indexed column name"));
        }
        List<String> conditions = new ArrayList<>();
        if (operation.getLiveRowsOnly()) {
            conditions.add(DELETED_AT + " IS NULL");
        }
        if (operation.getSkipWhenEmptyCount() > 0) {
            List<String> nonEmpty = new ArrayList<>();
            for (String column : operation.getSkipWhenEmptyList()) {
                if (!operation.getColumnsList().contains(column)) {
                    throw new InvalidSchemaOperationException("index " + name + " skips empty values of " + column + ", which it does not index");
                }
                nonEmpty.add(Identifiers.quoted(column, "indexed column name") + " <> ''");
            }
            conditions.add("(" + String.join(" OR ", nonEmpty) + ")");
        }
        // A GIN index's pending list (fastupdate) makes most inserts cheap, but the insert that finds it full merges
        // all of it into the index, holding its table lock for hundreds of milliseconds (408 ms measured on 1,000,000
        // rows, against 7 ms without the list): every insert, and any DDL, queues behind it. A CRM's writes are
        // interactive, so every insert pays its own share instead; bulk COPY is about a third slower for it.
        String storage = operation.getMethod() == IndexMethod.INDEX_METHOD_GIN ? " WITH (fastupdate = off)" : "";
        return "CREATE " + (operation.getUnique() ? "UNIQUE " : "") + "INDEX " + name + " ON " + table + " USING " + method
                + " (" + String.join(", ", indexed) + ")" + storage
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }

    /** A schema-qualified name of a table or type in the workspace schema. */
    String qualified(String name, String what) {
        return schema + "." + Identifiers.quoted(name, what);
    }
}
