package org.opencrm.metadata.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.opencrm.schema.SqlIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps metadata true to the schema when a migration fails. Before a change writes its metadata, it captures the
 * rows it will touch (as they are) and names the rows it will create; both are stored with the migration
 * ({@code core."workspaceMigration"."undo"}). When migration-worker reports the migration failed, the rows it
 * created are deleted and the captured rows are written back as they were, in the transaction that records the
 * failure, so the metadata never describes a schema that does not exist.
 */
@Component
public class MetadataUndo {

    private static final Logger log = LoggerFactory.getLogger(MetadataUndo.class);

    /** Parents before children: restoring a field needs its object, an index field its index and field. */
    private static final List<String> TABLES = List.of("objectMetadata", "fieldMetadata", "indexMetadata",
            "indexFieldMetadata");

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Map<String, String> upserts = new ConcurrentHashMap<>();

    MetadataUndo(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What to restore: the rows a change is about to touch, by table, and the ids of rows it creates. */
    public static final class Snapshot {
        private final ObjectNode undo;

        private Snapshot(ObjectNode undo) {
            this.undo = undo;
        }

        /** Marks a row the change creates, deleted again if its migration fails. */
        public Snapshot created(String table, UUID id) {
            requireKnown(table);
            ((ArrayNode) undo.withArray("created")).addObject().put("table", table).put("id", id.toString());
            return this;
        }

        String json() {
            return undo.toString();
        }
    }

    /**
     * The rows as they are now: the given objects, the given fields, and the given indexes with their fields.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Snapshot capture(Collection<UUID> objectIds, Collection<UUID> fieldIds, Collection<UUID> indexIds) {
        ObjectNode undo = json.createObjectNode();
        ObjectNode rows = undo.putObject("rows");
        rows.set("objectMetadata", rows("objectMetadata", "id", objectIds));
        rows.set("fieldMetadata", rows("fieldMetadata", "id", fieldIds));
        rows.set("indexMetadata", rows("indexMetadata", "id", indexIds));
        rows.set("indexFieldMetadata", rows("indexFieldMetadata", "indexMetadataId", indexIds));
        undo.putArray("created");
        return new Snapshot(undo);
    }

    /** Stores what restores the metadata if migration {@code migrationId} fails. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void keep(UUID migrationId, Snapshot snapshot) {
        jdbc.update("UPDATE core.\"workspaceMigration\" SET \"undo\" = CAST(? AS jsonb) WHERE \"id\" = ?",
                snapshot.json(), migrationId);
    }

    /**
     * Puts the metadata back as it was before migration {@code migrationId}, if it kept anything to restore. Runs in
     * a savepoint: if a later change took what it would restore (a new field with the deleted one's name), it is
     * rolled back alone and the caller decides.
     */
    @Transactional(propagation = Propagation.NESTED)
    void restore(UUID migrationId) {
        List<String> stored = jdbc.queryForList(
                "SELECT \"undo\"::text FROM core.\"workspaceMigration\" WHERE \"id\" = ? AND \"undo\" IS NOT NULL",
                String.class, migrationId);
        if (stored.isEmpty()) {
            return;
        }
        JsonNode undo = json.readTree(stored.getFirst());
        List<JsonNode> created = new ArrayList<>();
        undo.path("created").forEach(created::add);
        for (String table : TABLES.reversed()) {
            List<UUID> ids = created.stream().filter(row -> row.path("table").asString().equals(table))
                    .map(row -> UUID.fromString(row.path("id").asString())).toList();
            if (!ids.isEmpty()) {
                jdbc.update("DELETE FROM core." + SqlIdentifiers.quote(table) + " WHERE \"id\" = ANY(?)",
                        (Object) ids.toArray(UUID[]::new));
            }
        }
        for (String table : TABLES) {
            for (JsonNode row : undo.path("rows").path(table)) {
                jdbc.update(upsert(table), row.toString());
            }
        }
        log.info("Restored the metadata changed by failed migration {}", migrationId);
    }

    private ArrayNode rows(String table, String keyColumn, Collection<UUID> ids) {
        ArrayNode rows = json.createArrayNode();
        if (ids.isEmpty()) {
            return rows;
        }
        jdbc.query("SELECT row_to_json(t)::text FROM core." + SqlIdentifiers.quote(table) + " t WHERE t."
                + SqlIdentifiers.quote(keyColumn) + " = ANY(?)",
                rs -> {
                    rows.add(json.readTree(rs.getString(1)));
                }, (Object) ids.stream().distinct().toArray(UUID[]::new));
        return rows;
    }

    /** Inserts a captured row, or sets every column of the row that is still there back to its captured value. */
    private String upsert(String table) {
        return upserts.computeIfAbsent(table, name -> {
            List<String> columns = jdbc.queryForList("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = 'core' AND table_name = ? AND column_name <> 'id'
                    ORDER BY ordinal_position""", String.class, name);
            String set = columns.stream().map(SqlIdentifiers::quote)
                    .map(column -> column + " = EXCLUDED." + column)
                    .collect(Collectors.joining(", "));
            String quoted = "core." + SqlIdentifiers.quote(name);
            return "INSERT INTO " + quoted + " SELECT * FROM jsonb_populate_record(NULL::" + quoted
                    + ", CAST(? AS jsonb)) ON CONFLICT (\"id\") DO UPDATE SET " + set;
        });
    }

    private static void requireKnown(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a metadata table: " + table);
        }
    }
}
