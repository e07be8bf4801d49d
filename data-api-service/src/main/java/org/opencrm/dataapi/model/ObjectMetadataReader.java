package org.opencrm.dataapi.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.schema.FieldColumns;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.DefaultValues;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.InvalidFieldTypeException;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.ObjectTables;
import org.opencrm.schema.SystemFields;

import tools.jackson.databind.JsonNode;

/**
 * Turns metadata-service's {@code GET /rest/metadata/objects} answer into a {@link WorkspaceDataModel}: only active
 * objects and active fields whose migration is {@code APPLIED}, since only those have tables and columns.
 */
final class ObjectMetadataReader {

    private static final String APPLIED = "APPLIED";
    private static final String SEARCH_VECTOR_TYPE = "TS_VECTOR";

    private ObjectMetadataReader() {
    }

    static WorkspaceDataModel read(UUID workspaceId, JsonNode response) {
        JsonNode objects = response.path("data").path("objects");
        Map<UUID, String> fieldNamesById = fieldNamesById(objects);
        List<ObjectModel> models = new ArrayList<>();
        for (JsonNode object : objects) {
            if (isLive(object)) {
                object(object, fieldNamesById).ifPresent(models::add);
            }
        }
        return new WorkspaceDataModel(workspaceId, models);
    }

    private static Optional<ObjectModel> object(JsonNode object, Map<UUID, String> fieldNamesById) {
        Optional<UUID> id = uuid(object.path("id"));
        String nameSingular = object.path("nameSingular").asString(null);
        String namePlural = object.path("namePlural").asString(null);
        if (id.isEmpty() || nameSingular == null || namePlural == null) {
            return Optional.empty();
        }
        boolean custom = object.path("isCustom").asBoolean(false);
        String table = ObjectTables.tableName(nameSingular, custom);
        List<FieldModel> fields = new ArrayList<>(systemFields(nameSingular, namePlural, custom, table, object));
        for (JsonNode field : object.path("fields")) {
            String name = field.path("name").asString(null);
            if (name == null || SystemFields.isSystemField(name) || !isLive(field)) {
                continue;
            }
            Optional<FieldType> type = type(field, fieldNamesById);
            if (type.isPresent()) {
                boolean nullable = field.path("isNullable").asBoolean(true);
                boolean unique = field.path("isUnique").asBoolean(false);
                // The default shapes the columns as the table has them: a COPY (imports) writes every column, so a
                // column it leaves out must get its default here, as PostgreSQL would give it.
                DefaultValue defaultValue = DefaultValues.parse(type.get(), field.path("defaultValue")).orElse(null);
                FieldDefinition definition = new FieldDefinition(name, name, null, type.get(), nullable, unique,
                        defaultValue);
                fields.add(new FieldModel(uuid(field.path("id")).orElse(null), name, type.get(),
                        nullable, unique, FieldColumns.of(table, definition)));
            }
        }
        return Optional.of(new ObjectModel(id.get(), nameSingular, namePlural, custom, table, fields));
    }

    /**
     * The field's type as {@link FieldTypes} reads metadata-service's JSON, or empty when the records API does not
     * expose it: the search vector, and the fields whose metadata this service cannot read (an unknown type name,
     * malformed options, a relation without its target), which must not keep it from serving the others.
     *
     * @param fieldNamesById every field of the workspace, to name a relation's inverse field
     */
    private static Optional<FieldType> type(JsonNode field, Map<UUID, String> fieldNamesById) {
        String typeName = field.path("type").asString("");
        if (typeName.equals(SEARCH_VECTOR_TYPE)) {
            return Optional.empty();
        }
        JsonNode relation = field.path("relation");
        // Records never follow a relation's inverse side, so one that cannot be named costs nothing here.
        String inverseField = uuid(relation.path("targetFieldMetadataId")).map(fieldNamesById::get).orElse("");
        try {
            return Optional.of(FieldTypes.fromMetadata(typeName, field.path("options"), field.path("settings"),
                    relation.path("targetObjectNameSingular").asString(null), inverseField));
        } catch (InvalidFieldTypeException e) {
            return Optional.empty();
        }
    }

    /**
     * Every table has the system columns whether or not metadata lists their fields; the search vector is never
     * part of a record.
     */
    private static List<FieldModel> systemFields(String nameSingular, String namePlural, boolean custom, String table,
            JsonNode object) {
        Map<String, UUID> listedIds = new HashMap<>();
        for (JsonNode field : object.path("fields")) {
            uuid(field.path("id"))
                    .ifPresent(fieldId -> listedIds.put(field.path("name").asString(""), fieldId));
        }
        ObjectDefinition definition =
                new ObjectDefinition(nameSingular, namePlural, nameSingular, namePlural, null, custom, List.of());
        return SystemFields.of(definition).stream()
                .filter(field -> !field.name().equals(SystemFields.SEARCH_VECTOR))
                .map(field -> new FieldModel(listedIds.get(field.name()), field.name(), field.type(),
                        field.nullable(), field.unique(), FieldColumns.of(table, field)))
                .toList();
    }

    private static Optional<UUID> uuid(JsonNode node) {
        if (!node.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(node.asString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isLive(JsonNode node) {
        return node.path("isActive").asBoolean(true) && APPLIED.equals(node.path("migrationStatus").asString(APPLIED));
    }

    private static Map<UUID, String> fieldNamesById(JsonNode objects) {
        Map<UUID, String> names = new HashMap<>();
        for (JsonNode object : objects) {
            for (JsonNode field : object.path("fields")) {
                uuid(field.path("id"))
                        .ifPresent(id -> names.put(id, field.path("name").asString("")));
            }
        }
        return names;
    }
}
