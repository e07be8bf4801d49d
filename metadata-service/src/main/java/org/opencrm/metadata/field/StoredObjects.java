package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.schema.DefaultValue;
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
            SELECT f."objectMetadataId", f."name", f."label", f."description", f."type", f."isNullable", f."isUnique", f."defaultValue",
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

    /**
     * Every object of the workspace; system fields are left to {@link ObjectDefinition#allFields()}, the search
     * fields rebuilt from the stored search vector's {@code sources} so that plans of stored objects (a reconcile's
     * expected schema) generate the vector provisioning created.
     */
    public List<StoredObject> load(UUID workspaceId) {
        Map<UUID, List<FieldDefinition>> fieldsByObject = new LinkedHashMap<>();
        Map<UUID, FieldType.TsVector> searchVectors = new HashMap<>();
        jdbc.query(FIELDS, rs -> {
            String name = rs.getString("name");
            if (SystemFields.SEARCH_VECTOR.equals(name)
                    && FieldTypes.fromMetadata(rs.getString("type"), null, jsonColumn(rs.getString("settings")),
                            null, null) instanceof FieldType.TsVector vector) {
                searchVectors.put(rs.getObject("objectMetadataId", UUID.class), vector);
            }
            if (SystemFields.isSystemField(name)) {
                return;
            }
            FieldType type = FieldTypes.fromMetadata(rs.getString("type"), jsonColumn(rs.getString("options")),
                    jsonColumn(rs.getString("settings")), rs.getString("targetObject"), rs.getString("inverseField"));
            FieldDefinition field = new FieldDefinition(name, rs.getString("label"), rs.getString("description"), type,
                    rs.getBoolean("isNullable"), rs.getBoolean("isUnique"),
                    defaultValue(type, jsonColumn(rs.getString("defaultValue"))));
            fieldsByObject.computeIfAbsent(rs.getObject("objectMetadataId", UUID.class), id -> new ArrayList<>())
                    .add(field);
        }, workspaceId);
        return jdbc.query(OBJECTS, (rs, row) -> {
            UUID id = rs.getObject("id", UUID.class);
            List<FieldDefinition> fields = fieldsByObject.getOrDefault(id, List.of());
            FieldType.TsVector vector = searchVectors.get(id);
            ObjectDefinition definition = new ObjectDefinition(rs.getString("nameSingular"), rs.getString("namePlural"),
                    rs.getString("labelSingular"), rs.getString("labelPlural"), rs.getString("description"),
                    rs.getBoolean("isCustom"), fields,
                    vector == null ? List.of() : SystemFields.searchFields(fields, vector));
            return new StoredObject(id, definition, rs.getBoolean("isActive"),
                    MigrationStatus.valueOf(rs.getString("migrationStatus")));
        }, workspaceId);
    }

    /** The stored default read back; a composite's parts keep the defaults their type gives them. */
    /** The stored default as a definition holds it: a composite field's parts included, so plans give each its own. */
    private static DefaultValue defaultValue(FieldType type, JsonNode stored) {
        List<Violation> violations = new ArrayList<>();
        return DefaultValueReader.fromApi(type, stored, violations).orElse(null);
    }

    private JsonNode jsonColumn(String text) {
        return text == null ? null : json.readTree(text);
    }
}
