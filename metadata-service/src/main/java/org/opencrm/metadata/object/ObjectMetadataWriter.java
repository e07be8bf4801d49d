package org.opencrm.metadata.object;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.field.FieldRows;
import org.opencrm.metadata.field.NewField;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.ObjectDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores objects with all their fields (system fields included) in two batches, linking both sides of every
 * relation between them.
 */
@Component
public class ObjectMetadataWriter {

    private static final String INSERT_OBJECT = """
            INSERT INTO core."objectMetadata" ("id", "workspaceId", "dataSourceId", "nameSingular", "namePlural",
                "labelSingular", "labelPlural", "description", "icon", "targetTableName", "isCustom", "isActive",
                "workspaceMigrationId")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)""";

    private final JdbcTemplate jdbc;
    private final FieldRows fieldRows;

    ObjectMetadataWriter(JdbcTemplate jdbc, FieldRows fieldRows) {
        this.jdbc = jdbc;
        this.fieldRows = fieldRows;
    }

    /**
     * Stores the objects, created by migration {@code migrationId}. Relations must point at objects of the
     * same list.
     *
     * @param icons icons by nameSingular, where one was given
     * @return the new objects' ids by nameSingular
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, UUID> write(SchemaChangeTarget workspace, UUID migrationId, List<ObjectDefinition> objects,
            Map<String, String> icons) {
        Map<String, UUID> objectIds = new HashMap<>();
        Map<String, UUID> fieldIds = new HashMap<>();
        for (ObjectDefinition object : objects) {
            objectIds.put(object.nameSingular(), UUID.randomUUID());
            for (FieldDefinition field : object.allFields()) {
                fieldIds.put(key(object.nameSingular(), field.name()), UUID.randomUUID());
            }
        }
        List<NewObject> newObjects = new ArrayList<>();
        List<NewField> newFields = new ArrayList<>();
        for (ObjectDefinition object : objects) {
            UUID objectId = objectIds.get(object.nameSingular());
            newObjects.add(new NewObject(objectId, workspace.workspaceId(), workspace.dataSourceId(), object,
                    icons.get(object.nameSingular()), migrationId));
            for (FieldDefinition field : object.allFields()) {
                UUID targetObjectId = null;
                UUID targetFieldId = null;
                if (field.type() instanceof FieldType.Relation relation) {
                    targetObjectId = required(objectIds, relation.targetObject(), object, field);
                    targetFieldId = required(fieldIds, key(relation.targetObject(), relation.inverseField()), object,
                            field);
                }
                // As in Twenty, the fields an object comes with are not custom, even on a custom object.
                newFields.add(new NewField(fieldIds.get(key(object.nameSingular(), field.name())),
                        workspace.workspaceId(), objectId, field, null, false, targetObjectId, targetFieldId,
                        migrationId));
            }
        }
        jdbc.batchUpdate(INSERT_OBJECT, newObjects, newObjects.size(), ObjectMetadataWriter::bind);
        fieldRows.insert(newFields);
        return Map.copyOf(objectIds);
    }

    private static void bind(PreparedStatement statement, NewObject object) throws SQLException {
        ObjectDefinition definition = object.definition();
        int i = 0;
        statement.setObject(++i, object.id());
        statement.setObject(++i, object.workspaceId());
        statement.setObject(++i, object.dataSourceId());
        statement.setString(++i, definition.nameSingular());
        statement.setString(++i, definition.namePlural());
        statement.setString(++i, definition.labelSingular());
        statement.setString(++i, definition.labelPlural());
        statement.setString(++i, definition.description());
        statement.setString(++i, object.icon());
        statement.setString(++i, definition.tableName());
        statement.setBoolean(++i, definition.custom());
        statement.setObject(++i, object.migrationId());
    }

    private static UUID required(Map<String, UUID> ids, String key, ObjectDefinition object, FieldDefinition field) {
        UUID id = ids.get(key);
        if (id == null) {
            throw new IllegalArgumentException("relation " + object.nameSingular() + "." + field.name()
                    + " points at " + key + ", which is not being created");
        }
        return id;
    }

    private static String key(String objectName, String fieldName) {
        return objectName + "." + fieldName;
    }
}
