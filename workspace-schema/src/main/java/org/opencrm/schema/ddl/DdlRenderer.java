package org.opencrm.schema.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.opencrm.proto.metadata.v1.AddColumn;
import org.opencrm.proto.metadata.v1.AddForeignKey;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.CreateTable;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.WorkspaceSchemaName;

/**
 * Turns the operations of one migration into PostgreSQL DDL, one statement per operation. Pure: it reads only its
 * arguments. Every identifier is quoted, every value is a checked literal, and anything it cannot render safely
 * is rejected with an {@link InvalidSchemaOperationException} naming the operation and the part at fault.
 */
public final class DdlRenderer {

    /** The worker only ever changes workspace schemas, never {@code core} or {@code public}. */
    private static final String WORKSPACE_SCHEMA_PREFIX = "workspace_";
    private static final String REFERENCED_COLUMN = SqlIdentifiers.quote("id");
    private static final String DELETED_AT = SqlIdentifiers.quote("deletedAt");

    private final String schema;
    private final ColumnDefinitions columns;

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
     * The statements of a migration on {@code schemaName}, in the order of its operations.
     *
     * @throws InvalidSchemaOperationException also when {@code schemaName} is not the schema of {@code workspaceId}
     */
    public static List<String> render(UUID workspaceId, String schemaName, List<SchemaOperation> operations) {
        DdlRenderer renderer = new DdlRenderer(workspaceId, schemaName);
        List<String> statements = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            SchemaOperation operation = operations.get(i);
            try {
                statements.add(renderer.render(operation));
            } catch (InvalidSchemaOperationException e) {
                String kind = operation.getOperationCase().name().toLowerCase(Locale.ROOT);
                throw new InvalidSchemaOperationException("operation " + (i + 1) + " (" + kind + "): " + e.getMessage());
            }
        }
        return statements;
    }

    private String render(SchemaOperation operation) {
        return switch (operation.getOperationCase()) {
            case CREATE_SCHEMA -> "CREATE SCHEMA " + schema;
            case CREATE_ENUM_TYPE -> createEnumType(operation.getCreateEnumType());
            case CREATE_TABLE -> createTable(operation.getCreateTable());
            case ADD_COLUMN -> addColumn(operation.getAddColumn());
            case ADD_FOREIGN_KEY -> addForeignKey(operation.getAddForeignKey());
            case CREATE_INDEX -> createIndex(operation.getCreateIndex());
            case RENAME_TABLE, DROP_TABLE, RENAME_COLUMN, DROP_COLUMN, ALTER_COLUMN_TYPE, SET_COLUMN_DEFAULT,
                    SET_COLUMN_NULLABLE, DROP_INDEX, DROP_FOREIGN_KEY, RENAME_ENUM_TYPE, DROP_ENUM_TYPE,
                    CHANGE_ENUM_VALUES, RENAME_INDEX, RENAME_CONSTRAINT, RECONCILE ->
                    throw new InvalidSchemaOperationException("is not supported yet");
            case OPERATION_NOT_SET -> throw new InvalidSchemaOperationException("no operation is set");
        };
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

    private String addColumn(AddColumn operation) {
        String table = qualified(operation.getTable(), "table name");
        if (!operation.hasColumn()) {
            throw new InvalidSchemaOperationException("no column is given");
        }
        String definition = columns.definition(operation.getColumn());
        String primaryKey = operation.getColumn().getPrimaryKey() ? " PRIMARY KEY" : "";
        return "ALTER TABLE " + table + " ADD COLUMN " + definition + primaryKey;
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
        return "CREATE " + (operation.getUnique() ? "UNIQUE " : "") + "INDEX " + name + " ON " + table + " USING " + method
                + " (" + String.join(", ", indexed) + ")" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }

    /** A schema-qualified name of a table or type in the workspace schema. */
    private String qualified(String name, String what) {
        return schema + "." + Identifiers.quoted(name, what);
    }
}
