package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Loads a workspace's objects with their fields, as definitions, in two queries. */
@Component
public class StoredObjects {

    private static final String OBJECTS = """
            SELECT o."id", o."nameSingular", o."namePlural", o."labelSingular", o."labelPlural", o."description",
                   o."isCustom", o."isActive", m."status" AS "migrationStatus"
            FROM core."objectMetadata" o JOIN core."workspaceMigration" m ON m."id" = o."workspaceMigrationId"
            WHERE o."workspaceId" = ?
            ORDER BY o."createdAt", o."nameSingular"
            """;

    private static final String FIELDS = """
            SELECT f."objectMetadataId", f."name", f."label", f."description", f."type", f."isNullable", f."isUnique",
                   f."options", f."settings", t."nameSingular" AS "targetObject", tf."name" AS "inverseField"
            FROM core."fieldMetadata" f
            LEFT JOIN core."objectMetadata" t ON t."id" = f."relationTargetObjectMetadataId"
            LEFT JOIN core."fieldMetadata" tf ON tf."id" = f."relationTargetFieldMetadataId"
            WHERE f."workspaceId" = ?
            ORDER BY f."createdAt", f."name"
            """;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    StoredObjects(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every object of the workspace; system fields are left to {@link ObjectDefinition#allFields()}. */
    public List<StoredObject> load(UUID workspaceId) {
        Map<UUID, List<FieldDefinition>> fieldsByObject = new LinkedHashMap<>();
        jdbc.query(FIELDS, rs -> {
            String name = rs.getString("name");
            if (SystemFields.isSystemField(name)) {
                return;
            }
            FieldType type = FieldTypes.fromMetadata(rs.getString("type"), jsonColumn(rs.getString("options")),
                    jsonColumn(rs.getString("settings")), rs.getString("targetObject"), rs.getString("inverseField"));
            FieldDefinition field = new FieldDefinition(name, rs.getString("label"), rs.getString("description"), type,
                    rs.getBoolean("isNullable"), rs.getBoolean("isUnique"), null);
            fieldsByObject.computeIfAbsent(rs.getObject("objectMetadataId", UUID.class), id -> new ArrayList<>())
                    .add(field);
        }, workspaceId);
        return jdbc.query(OBJECTS, (rs, row) -> {
            UUID id = rs.getObject("id", UUID.class);
            ObjectDefinition definition = new ObjectDefinition(rs.getString("nameSingular"), rs.getString("namePlural"),
                    rs.getString("labelSingular"), rs.getString("labelPlural"), rs.getString("description"),
                    rs.getBoolean("isCustom"), fieldsByObject.getOrDefault(id, List.of()), List.of());
            return new StoredObject(id, definition, rs.getBoolean("isActive"),
                    MigrationStatus.valueOf(rs.getString("migrationStatus")));
        }, workspaceId);
    }

    private JsonNode jsonColumn(String text) {
        return text == null ? null : json.readTree(text);
    }
}
