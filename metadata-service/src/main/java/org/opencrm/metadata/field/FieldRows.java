package org.opencrm.metadata.field;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** Writes field metadata rows, all of one request in one batch. */
@Component
public class FieldRows {

    private static final String INSERT = """
            INSERT INTO core."fieldMetadata" ("id", "workspaceId", "objectMetadataId", "name", "label", "description",
                "icon", "type", "isNullable", "isUnique", "isSystem", "isCustom", "isActive", "defaultValue", "options",
                "settings", "relationTargetObjectMetadataId", "relationTargetFieldMetadataId", "workspaceMigrationId")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb),
                ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    FieldRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<NewField> fields) {
        jdbc.batchUpdate(INSERT, fields, fields.size(), FieldRows::bind);
    }

    private static void bind(PreparedStatement statement, NewField field) throws SQLException {
        FieldDefinition definition = field.definition();
        int i = 0;
        statement.setObject(++i, field.id());
        statement.setObject(++i, field.workspaceId());
        statement.setObject(++i, field.objectMetadataId());
        statement.setString(++i, definition.name());
        statement.setString(++i, definition.label());
        statement.setString(++i, definition.description());
        statement.setString(++i, field.icon());
        statement.setString(++i, definition.type().typeName());
        statement.setBoolean(++i, definition.nullable());
        statement.setBoolean(++i, definition.unique());
        statement.setBoolean(++i, SystemFields.isSystemField(definition.name()));
        statement.setBoolean(++i, field.isCustom());
        statement.setString(++i, text(DefaultValueWriter.defaultValue(definition)));
        statement.setString(++i, text(OptionIds.withIds(FieldTypes.options(definition.type()))));
        statement.setString(++i, text(FieldSettings.stored(definition, field.displaySettings())));
        statement.setObject(++i, field.relationTargetObjectMetadataId());
        statement.setObject(++i, field.relationTargetFieldMetadataId());
        statement.setObject(++i, field.migrationId());
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
