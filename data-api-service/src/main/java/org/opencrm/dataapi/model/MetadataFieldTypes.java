package org.opencrm.dataapi.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.OnDelete;
import org.opencrm.schema.RelationType;

import tools.jackson.databind.JsonNode;

/**
 * Reads a field's {@link FieldType} from metadata-service's JSON: {@code type} and {@code options} as
 * {@link FieldTypes} reads them, relations from the field's {@code relation} and morph relations from its
 * {@code settings}.
 */
final class MetadataFieldTypes {

    private MetadataFieldTypes() {
    }

    /**
     * The field's type, or empty when the records API does not expose it: the search vector, and the fields whose
     * metadata this service cannot read (an unknown type name, a relation without its target).
     *
     * @param fieldNamesById every field of the workspace, to name a relation's inverse field
     */
    static Optional<FieldType> read(JsonNode field, Map<UUID, String> fieldNamesById) {
        String typeName = field.path("type").asString("");
        try {
            return Optional.ofNullable(switch (typeName) {
                case "TS_VECTOR" -> null;
                case "RELATION" -> relation(field.path("relation"), fieldNamesById);
                case "MORPH_RELATION" -> morphRelation(field.path("settings"));
                default -> FieldTypes.parse(typeName, field.path("options"));
            });
        } catch (IllegalArgumentException e) {
            // InvalidFieldTypeException (unknown type, broken options) and unknown enum names: not a field this
            // service can serve, which must not keep it from serving the others.
            return Optional.empty();
        }
    }

    private static FieldType relation(JsonNode relation, Map<UUID, String> fieldNamesById) {
        String target = relation.path("targetObjectNameSingular").asString(null);
        if (target == null) {
            return null;
        }
        String inverseField = uuid(relation.path("targetFieldMetadataId")).map(fieldNamesById::get).orElse("");
        RelationType type = RelationType.valueOf(relation.path("type").asString(""));
        return new FieldType.Relation(type, target, inverseField == null ? "" : inverseField,
                onDelete(relation.path("onDelete")));
    }

    /** Settings as metadata-service writes them: {@code {"targetObjects": ["person", ...], "onDelete": ...}}. */
    private static FieldType morphRelation(JsonNode settings) {
        List<String> targets = new ArrayList<>();
        settings.path("targetObjects").forEach(target -> targets.add(target.asString()));
        return new FieldType.MorphRelation(targets, onDelete(settings.path("onDelete")));
    }

    private static OnDelete onDelete(JsonNode onDelete) {
        return onDelete.isString() ? OnDelete.valueOf(onDelete.asString()) : OnDelete.SET_NULL;
    }

    static Optional<UUID> uuid(JsonNode node) {
        if (!node.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(node.asString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
