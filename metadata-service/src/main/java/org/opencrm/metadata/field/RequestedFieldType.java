package org.opencrm.metadata.field;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.InvalidFieldTypeException;

import tools.jackson.databind.JsonNode;

/**
 * The type a client asks for in {@code POST /rest/metadata/fields}, read by {@link FieldTypes} as every field type
 * is, except the types that only the platform creates (system fields, search vectors) and RELATION, which
 * {@link RelationFields} reads from its {@code relationCreationPayload}.
 */
final class RequestedFieldType {

    private static final Set<String> NOT_CREATABLE = Set.of("POSITION", "ACTOR", "TS_VECTOR", "RELATION",
            "MORPH_RELATION");

    private RequestedFieldType() {
    }

    /** The type, or empty with the violations of its {@code type} and {@code options} added to {@code violations}. */
    static Optional<FieldType> read(String typeName, JsonNode options, List<Violation> violations) {
        // Checked first: the immutable set below throws on contains(null).
        if (typeName == null || typeName.isBlank()) {
            violations.add(new Violation("type", "required", "type is required"));
            return Optional.empty();
        }
        if (NOT_CREATABLE.contains(typeName)) {
            violations.add(new Violation("type", "unsupported-type",
                    "fields of type " + typeName + " cannot be created through this API"));
            return Optional.empty();
        }
        try {
            return Optional.of(FieldTypes.fromMetadata(typeName, options, null, null, null));
        } catch (InvalidFieldTypeException e) {
            e.violations().forEach(v -> violations.add(new Violation(v.field(), v.rule(), v.message())));
            return Optional.empty();
        }
    }
}
