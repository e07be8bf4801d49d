package org.opencrm.metadata.field;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads fields with the status of the migration that creates them (joined, never copied). */
@Component
public class FieldCatalog {

    private static final String SELECT = """
            SELECT f."id", f."objectMetadataId", f."name", f."label", f."type", f."description", f."icon",
                   f."isCustom", f."isActive", f."isSystem", f."isNullable", f."isUnique",
                   f."defaultValue", f."options", f."settings",
                   f."relationTargetObjectMetadataId", f."relationTargetFieldMetadataId",
                   t."nameSingular" AS "targetObjectNameSingular", tf."name" AS "targetFieldName",
                   m."id" AS "migrationId", m."status" AS "migrationStatus", m."error" AS "migrationError"
            FROM core."fieldMetadata" f
            JOIN core."workspaceMigration" m ON m."id" = f."workspaceMigrationId"
            LEFT JOIN core."objectMetadata" t ON t."id" = f."relationTargetObjectMetadataId"
            LEFT JOIN core."fieldMetadata" tf ON tf."id" = f."relationTargetFieldMetadataId"
            WHERE f."workspaceId" = ?
            """;

    private static final String ORDER = " ORDER BY f.\"objectMetadataId\", f.\"createdAt\", f.\"name\"";

    /** The fields of a relation besides one: the field it points at, and each pointing at either of them. */
    private static final String OTHER_RELATION_SIDES = """
              AND f."id" <> ?
              AND (f."id" = CAST(? AS uuid) OR f."relationTargetFieldMetadataId" = ?
                   OR f."relationTargetFieldMetadataId" = CAST(? AS uuid))
            ORDER BY f."createdAt", f."id"
            """;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    FieldCatalog(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every field of the workspace, grouped by object and in creation order within an object. */
    public List<FieldView> all(UUID workspaceId) {
        return jdbc.query(SELECT + ORDER, this::view, workspaceId);
    }

    public List<FieldView> ofObject(UUID workspaceId, UUID objectMetadataId) {
        return jdbc.query(SELECT + " AND f.\"objectMetadataId\" = ?" + ORDER, this::view, workspaceId,
                objectMetadataId);
    }

    /**
     * The other fields of {@code field}'s relation, which go with it: the field it points at, and every field pointing
     * at either (a morph relation's inverses, one per target, all point at the morph field). Empty for other fields.
     */
    public List<FieldView> otherRelationSides(UUID workspaceId, FieldView field) {
        UUID pointedAt = field.relation() == null ? null : field.relation().targetFieldMetadataId();
        return jdbc.query(SELECT + OTHER_RELATION_SIDES, this::view, workspaceId, field.id(), pointedAt, field.id(),
                pointedAt);
    }

    public Optional<FieldView> find(UUID workspaceId, UUID fieldId) {
        return jdbc.query(SELECT + " AND f.\"id\" = ?", this::view, workspaceId, fieldId).stream().findFirst();
    }

    private FieldView view(ResultSet rs, int row) throws SQLException {
        MigrationStatus status = MigrationStatus.valueOf(rs.getString("migrationStatus"));
        JsonNode options = jsonColumn(rs, "options");
        JsonNode settings = jsonColumn(rs, "settings");
        return new FieldView(
                rs.getObject("id", UUID.class),
                rs.getObject("objectMetadataId", UUID.class),
                rs.getString("name"),
                rs.getString("label"),
                rs.getString("type"),
                rs.getString("description"),
                rs.getString("icon"),
                rs.getBoolean("isCustom"),
                rs.getBoolean("isActive"),
                rs.getBoolean("isSystem"),
                rs.getBoolean("isNullable"),
                rs.getBoolean("isUnique"),
                jsonColumn(rs, "defaultValue"),
                options,
                settings,
                relation(rs, options, settings),
                status,
                rs.getObject("migrationId", UUID.class),
                status == MigrationStatus.FAILED ? rs.getString("migrationError") : null);
    }

    /** A relation's ends as stored, its side and onDelete as {@link FieldTypes} reads them from its settings. */
    private static RelationView relation(ResultSet rs, JsonNode options, JsonNode settings) throws SQLException {
        UUID target = rs.getObject("relationTargetObjectMetadataId", UUID.class);
        if (target == null) {
            return null;
        }
        String targetObject = rs.getString("targetObjectNameSingular");
        FieldType type = FieldTypes.fromMetadata(rs.getString("type"), options, settings, targetObject,
                rs.getString("targetFieldName"));
        if (!(type instanceof FieldType.Relation relation)) {
            return null;
        }
        return new RelationView(
                target,
                targetObject,
                rs.getObject("relationTargetFieldMetadataId", UUID.class),
                relation.relationType().name(),
                relation.onDelete().name());
    }

    private JsonNode jsonColumn(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : json.readTree(text);
    }
}
