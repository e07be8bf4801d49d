package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModel;
import org.opencrm.dataapi.query.OrderBy;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.RelationType;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nests related records into records, as Twenty's {@code depth} does: the many-to-one side of a relation as the
 * target record under the field's name ({@code "company": {...}}, null when unset), the one-to-many side as a list
 * ({@code "people": [...]}, at most {@link #PER_PARENT} per record, in position order). One query per relation field
 * and level, whatever the number of records: never one per record.
 */
final class RelatedRecords {

    static final int MAX_DEPTH = 2;
    static final int PER_PARENT = 60;

    private final NamedParameterJdbcTemplate jdbc;

    RelatedRecords(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Nests {@code depth} levels of related records into {@code records}, all of {@code object}. */
    void nest(WorkspaceDataModel model, ObjectModel object, Collection<ObjectNode> records, int depth) {
        if (depth <= 0 || records.isEmpty()) {
            return;
        }
        for (FieldModel field : object.fields()) {
            if (field.type() instanceof FieldType.MorphRelation) {
                nestMorph(model, field, records, depth);
                continue;
            }
            if (!(field.type() instanceof FieldType.Relation relation)) {
                continue;
            }
            ObjectModel target = model.objectBySingular(relation.targetObject()).orElse(null);
            if (target == null) {
                continue;
            }
            RecordTable targetTable = new RecordTable(model.workspaceId(), target);
            List<ObjectNode> loaded = relation.relationType() == RelationType.MANY_TO_ONE
                    ? manyToOne(field, targetTable, records)
                    : oneToMany(object, field, relation, targetTable, records);
            if (loaded != null) {
                nest(model, target, distinct(loaded), depth - 1);
            }
        }
    }

    /**
     * A morph relation's target under each of its columns' names without {@code Id}, as Twenty shows them
     * ({@code "ownerPerson": {...}, "ownerCompany": null}).
     */
    private void nestMorph(WorkspaceDataModel model, FieldModel field, Collection<ObjectNode> records, int depth) {
        for (FieldColumn column : field.columns()) {
            ObjectModel target = model.objectBySingular(column.subField()).orElse(null);
            if (target == null) {
                continue;
            }
            String key = column.columnName();
            String property = key.endsWith("Id") ? key.substring(0, key.length() - 2) : key;
            List<ObjectNode> loaded = manyToOne(key, property, new RecordTable(model.workspaceId(), target), records);
            nest(model, target, distinct(loaded), depth - 1);
        }
    }

    private List<ObjectNode> manyToOne(FieldModel field, RecordTable target, Collection<ObjectNode> records) {
        return manyToOne(field.columns().getFirst().columnName(), field.name(), target, records);
    }

    private List<ObjectNode> manyToOne(String key, String property, RecordTable target, Collection<ObjectNode> records) {
        Set<UUID> ids = new LinkedHashSet<>();
        records.forEach(record -> uuid(record.get(key)).ifPresent(ids::add));
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            RecordStatements.Statement statement = new RecordStatements(target).liveByIds(ids);
            jdbc.query(statement.sql(), statement.parameters(), new RecordRowMapper(target.object()))
                    .forEach(row -> byId.put(row.path("id").asString(), row));
        }
        for (ObjectNode record : records) {
            ObjectNode related = byId.get(record.path(key).asString(""));
            record.set(property, related == null ? JsonNodeFactory.instance.nullNode() : related);
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * The records of {@code target} whose foreign key points at each record: the inverse field's column, or for a
     * morph relation its column for {@code object}.
     */
    private List<ObjectNode> oneToMany(ObjectModel object, FieldModel field, FieldType.Relation relation,
            RecordTable target, Collection<ObjectNode> records) {
        FieldModel inverse = target.object().field(relation.inverseField()).orElse(null);
        if (inverse == null) {
            return null;
        }
        Optional<FieldColumn> column = inverse.type() instanceof FieldType.MorphRelation
                ? inverse.columns().stream().filter(c -> object.nameSingular().equals(c.subField())).findFirst()
                : inverse.columns().stream().findFirst();
        if (column.isEmpty()) {
            return null;
        }
        String foreignKey = column.get().columnName();
        Set<UUID> ids = new LinkedHashSet<>();
        records.forEach(record -> uuid(record.get("id")).ifPresent(ids::add));
        Map<String, ArrayNode> byParent = new LinkedHashMap<>();
        for (ObjectNode record : records) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            record.set(field.name(), list);
            byParent.putIfAbsent(record.path("id").asString(), list);
        }
        List<ObjectNode> loaded = new ArrayList<>();
        if (!ids.isEmpty()) {
            RecordStatements.Statement statement = new RecordStatements(target)
                    .liveByForeignKey(foreignKey, ids, OrderBy.parse(null, target.object()), PER_PARENT);
            for (ObjectNode row : jdbc.query(statement.sql(), statement.parameters(),
                    new RecordRowMapper(target.object()))) {
                ArrayNode list = byParent.get(row.path(foreignKey).asString(""));
                if (list != null) {
                    list.add(row);
                    loaded.add(row);
                }
            }
        }
        // a record listed twice in one page shares its parent's list
        for (ObjectNode record : records) {
            record.set(field.name(), byParent.get(record.path("id").asString()));
        }
        return loaded;
    }

    private static List<ObjectNode> distinct(List<ObjectNode> records) {
        Map<ObjectNode, Boolean> seen = new IdentityHashMap<>();
        records.forEach(record -> seen.put(record, Boolean.TRUE));
        return new ArrayList<>(seen.keySet());
    }

    private static Optional<UUID> uuid(JsonNode value) {
        if (value == null || !value.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.asString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
