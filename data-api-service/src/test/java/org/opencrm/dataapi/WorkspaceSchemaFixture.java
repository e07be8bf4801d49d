package org.opencrm.dataapi;

import static org.opencrm.schema.SqlIdentifiers.qualify;
import static org.opencrm.schema.SqlIdentifiers.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.SchemaPlans;
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates a workspace schema with the {@link TestObjects}, as migration-worker would: the plan from
 * {@link SchemaPlans}, rendered by a small DDL writer that covers what the standard objects use.
 */
final class WorkspaceSchemaFixture {

    private WorkspaceSchemaFixture() {
    }

    static void create(JdbcTemplate jdbc, UUID workspaceId) {
        String schema = WorkspaceSchemaName.of(workspaceId);
        for (SchemaOperation operation : SchemaPlans.createWorkspace(TestObjects.all())) {
            jdbc.execute(ddl(schema, operation));
        }
    }

    private static String ddl(String schema, SchemaOperation operation) {
        return switch (operation.getOperationCase()) {
            case CREATE_SCHEMA -> "CREATE SCHEMA " + quote(schema);
            case CREATE_ENUM_TYPE -> "CREATE TYPE " + qualify(schema, operation.getCreateEnumType().getTypeName())
                    + " AS ENUM (" + String.join(", ", operation.getCreateEnumType().getValuesList().stream()
                            .map(WorkspaceSchemaFixture::literal).toList()) + ")";
            case CREATE_TABLE -> {
                List<String> columns = new ArrayList<>();
                for (Column column : operation.getCreateTable().getColumnsList()) {
                    columns.add(column(schema, column));
                }
                yield "CREATE TABLE " + qualify(schema, operation.getCreateTable().getTable()) + " ("
                        + String.join(", ", columns) + ")";
            }
            case ADD_COLUMN -> "ALTER TABLE " + qualify(schema, operation.getAddColumn().getTable()) + " ADD COLUMN "
                    + column(schema, operation.getAddColumn().getColumn());
            case ADD_FOREIGN_KEY -> {
                var key = operation.getAddForeignKey();
                String onDelete = switch (key.getOnDelete()) {
                    case ON_DELETE_CASCADE -> "CASCADE";
                    case ON_DELETE_RESTRICT -> "RESTRICT";
                    default -> "SET NULL";
                };
                yield "ALTER TABLE " + qualify(schema, key.getTable()) + " ADD FOREIGN KEY (" + quote(key.getColumn())
                        + ") REFERENCES " + qualify(schema, key.getReferencedTable()) + " (\"id\") ON DELETE " + onDelete;
            }
            case CREATE_INDEX -> {
                var index = operation.getCreateIndex();
                yield "CREATE " + (index.getUnique() ? "UNIQUE " : "") + "INDEX " + quote(index.getName()) + " ON "
                        + qualify(schema, index.getTable()) + " USING "
                        + (index.getMethod() == org.opencrm.proto.metadata.v1.IndexMethod.INDEX_METHOD_GIN ? "gin" : "btree")
                        + " (" + String.join(", ", index.getColumnsList().stream().map(c -> quote(c)).toList()) + ")"
                        + (index.getLiveRowsOnly() ? " WHERE \"deletedAt\" IS NULL" : "")
                        + (index.getSkipWhenEmptyCount() == 0 ? "" : " AND (" + String.join(" OR ",
                                index.getSkipWhenEmptyList().stream().map(c -> quote(c) + " <> ''").toList()) + ")");
            }
            case OPERATION_NOT_SET -> throw new IllegalArgumentException("empty operation");
        };
    }

    private static String column(String schema, Column column) {
        String type = switch (column.getType()) {
            case COLUMN_TYPE_UUID -> "uuid";
            case COLUMN_TYPE_TEXT -> "text";
            case COLUMN_TYPE_DOUBLE -> "double precision";
            case COLUMN_TYPE_NUMERIC -> "numeric";
            case COLUMN_TYPE_BOOLEAN -> "boolean";
            case COLUMN_TYPE_DATE -> "date";
            case COLUMN_TYPE_TIMESTAMPTZ -> "timestamptz";
            case COLUMN_TYPE_JSONB -> "jsonb";
            case COLUMN_TYPE_TSVECTOR -> "tsvector";
            case COLUMN_TYPE_ENUM -> qualify(schema, column.getEnumTypeName());
            case COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException(column.toString());
        };
        StringBuilder definition = new StringBuilder(quote(column.getName())).append(' ').append(type);
        if (column.getArray()) {
            definition.append("[]");
        }
        if (column.getSearchSourceColumnsCount() > 0) {
            String text = String.join(" || ' ' || ", column.getSearchSourceColumnsList().stream()
                    .map(c -> "coalesce(" + quote(c) + ", '')").toList());
            return definition.append(" GENERATED ALWAYS AS (to_tsvector('simple', ").append(text).append(")) STORED")
                    .toString();
        }
        if (column.hasDefaultValue()) {
            definition.append(" DEFAULT ").append(defaultValue(column.getDefaultValue()));
        }
        if (column.getPrimaryKey()) {
            definition.append(" PRIMARY KEY");
        } else if (!column.getNullable()) {
            definition.append(" NOT NULL");
        }
        return definition.toString();
    }

    private static String defaultValue(ColumnDefault value) {
        return switch (value.getValueCase()) {
            case TEXT -> literal(value.getText());
            case NUMBER -> Double.toString(value.getNumber());
            case BOOLEAN -> Boolean.toString(value.getBoolean());
            case ENUM_VALUE -> literal(value.getEnumValue());
            case JSON -> literal(value.getJson()) + "::jsonb";
            case FUNCTION -> switch (value.getFunction()) {
                case DEFAULT_FUNCTION_NOW -> "now()";
                case DEFAULT_FUNCTION_GEN_RANDOM_UUID -> "gen_random_uuid()";
                case DEFAULT_FUNCTION_EMPTY_ARRAY -> "'{}'";
                case DEFAULT_FUNCTION_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException(value.toString());
            };
            case VALUE_NOT_SET -> "NULL";
        };
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
