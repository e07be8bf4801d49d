package org.opencrm.metadata.object;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.opencrm.metadata.field.FieldCatalog;
import org.opencrm.metadata.field.FieldView;
import org.opencrm.metadata.migration.MigrationStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the data model of a workspace: objects with their fields, each with its migration's status. */
@Component
class ObjectCatalog {

    private static final String SELECT = """
            SELECT o."id", o."nameSingular", o."namePlural", o."labelSingular", o."labelPlural", o."description",
                   o."icon", o."targetTableName", o."isCustom", o."isActive", o."isSystem",
                   m."id" AS "migrationId", m."status" AS "migrationStatus", m."error" AS "migrationError"
            FROM core."objectMetadata" o
            JOIN core."workspaceMigration" m ON m."id" = o."workspaceMigrationId"
            WHERE o."workspaceId" = ?
            """;

    private static final String ORDER = " ORDER BY o.\"createdAt\", o.\"nameSingular\"";

    private final JdbcTemplate jdbc;
    private final FieldCatalog fields;

    ObjectCatalog(JdbcTemplate jdbc, FieldCatalog fields) {
        this.jdbc = jdbc;
        this.fields = fields;
    }

    List<ObjectView> all(UUID workspaceId) {
        Map<UUID, List<FieldView>> fieldsByObject = fields.all(workspaceId).stream()
                .collect(Collectors.groupingBy(FieldView::objectMetadataId));
        return jdbc.query(SELECT + ORDER,
                (rs, row) -> view(rs, fieldsByObject.getOrDefault(rs.getObject("id", UUID.class), List.of())),
                workspaceId);
    }

    Optional<ObjectView> find(UUID workspaceId, UUID objectId) {
        List<ObjectView> found = jdbc.query(SELECT + " AND o.\"id\" = ?", (rs, row) -> view(rs, List.of()),
                workspaceId, objectId);
        return found.stream().findFirst().map(object -> object.withFields(fields.ofObject(workspaceId, objectId)));
    }

    private static ObjectView view(ResultSet rs, List<FieldView> fields) throws SQLException {
        MigrationStatus status = MigrationStatus.valueOf(rs.getString("migrationStatus"));
        return new ObjectView(
                rs.getObject("id", UUID.class),
                rs.getString("nameSingular"),
                rs.getString("namePlural"),
                rs.getString("labelSingular"),
                rs.getString("labelPlural"),
                rs.getString("description"),
                rs.getString("icon"),
                rs.getString("targetTableName"),
                rs.getBoolean("isCustom"),
                rs.getBoolean("isActive"),
                rs.getBoolean("isSystem"),
                status,
                rs.getObject("migrationId", UUID.class),
                status == MigrationStatus.FAILED ? rs.getString("migrationError") : null,
                fields);
    }
}
