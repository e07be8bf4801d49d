package org.opencrm.metadata.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.metadata.migration.MigrationStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the indexes created through the metadata API, each with its fields and its migration's status. */
@Component
class IndexCatalog {

    private static final String SELECT = """
            SELECT i."id", i."objectMetadataId", i."name", i."indexType", i."isUnique", i."indexWhereClause",
                   i."isCustom", m."id" AS "migrationId", m."status" AS "migrationStatus",
                   f."fieldMetadataId", f."order"
            FROM core."indexMetadata" i
            JOIN core."workspaceMigration" m ON m."id" = i."workspaceMigrationId"
            LEFT JOIN core."indexFieldMetadata" f ON f."indexMetadataId" = i."id"
            WHERE i."workspaceId" = ?
            """;

    private static final String ORDER = " ORDER BY i.\"createdAt\", i.\"name\", f.\"order\"";

    private final JdbcTemplate jdbc;

    IndexCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<IndexView> all(UUID workspaceId) {
        return query(SELECT + ORDER, workspaceId);
    }

    Optional<IndexView> find(UUID workspaceId, UUID indexId) {
        return query(SELECT + " AND i.\"id\" = ?" + ORDER, workspaceId, indexId).stream().findFirst();
    }

    private List<IndexView> query(String sql, Object... arguments) {
        Map<UUID, IndexView> indexes = new LinkedHashMap<>();
        Map<UUID, List<IndexView.IndexFieldView>> fields = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            UUID id = rs.getObject("id", UUID.class);
            List<IndexView.IndexFieldView> indexFields = fields.computeIfAbsent(id, key -> new ArrayList<>());
            if (!indexes.containsKey(id)) {
                indexes.put(id, new IndexView(id, rs.getObject("objectMetadataId", UUID.class), rs.getString("name"),
                        rs.getString("indexType"), rs.getBoolean("isUnique"), rs.getString("indexWhereClause"),
                        rs.getBoolean("isCustom"), indexFields,
                        MigrationStatus.valueOf(rs.getString("migrationStatus")),
                        rs.getObject("migrationId", UUID.class)));
            }
            UUID fieldId = rs.getObject("fieldMetadataId", UUID.class);
            if (fieldId != null) {
                indexFields.add(new IndexView.IndexFieldView(fieldId, rs.getInt("order")));
            }
        }, arguments);
        return List.copyOf(indexes.values());
    }
}
