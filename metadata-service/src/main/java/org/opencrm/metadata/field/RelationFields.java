package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.NameRules;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.OnDelete;
import org.opencrm.schema.RelationType;

/**
 * Validates a new RELATION field and derives its other side as Twenty does: a MANY_TO_ONE field gets a
 * ONE_TO_MANY inverse named after the source object's plural, a ONE_TO_MANY field a MANY_TO_ONE inverse named after
 * its singular, unless {@code targetFieldLabel} names it.
 */
final class RelationFields {

    static final String PAYLOAD = "relationCreationPayload";

    private RelationFields() {
    }

    /**
     * Both sides of the relation, or every rule the request breaks.
     *
     * @param violations what the checks common to every field already found
     */
    static RelationPair validated(StoredObject source, List<StoredObject> workspaceObjects,
            CreateFieldRequest request, List<Violation> violations) {
        RelationCreationPayload payload = request.relationCreationPayload();
        if (payload == null) {
            violations.add(new Violation(PAYLOAD, "required", "RELATION fields need a relationCreationPayload"));
            throw new InvalidInputException(violations);
        }
        if (payload.targetObjectMetadataId() == null) {
            violations.add(new Violation(PAYLOAD + ".targetObjectMetadataId", "required",
                    "the target object of the relation is required"));
            throw new InvalidInputException(violations);
        }
        StoredObject target = workspaceObjects.stream()
                .filter(o -> o.id().equals(payload.targetObjectMetadataId()))
                .findFirst()
                .orElse(null);
        if (target == null) {
            violations.add(new Violation(PAYLOAD + ".targetObjectMetadataId", "not-found",
                    "object " + payload.targetObjectMetadataId() + " does not exist in this workspace"));
            throw new InvalidInputException(violations);
        }
        if (!target.isActive()) {
            violations.add(new Violation(PAYLOAD + ".targetObjectMetadataId", "inactive",
                    "object " + target.definition().nameSingular() + " is not active"));
        }
        if (target.migrationStatus() == MigrationStatus.FAILED) {
            violations.add(new Violation(PAYLOAD + ".targetObjectMetadataId", "object-not-created",
                    "the table of object " + target.definition().nameSingular() + " could not be created"));
        }
        RelationType type = relationType(payload.type(), violations);
        OnDelete onDelete = onDelete(payload.onDelete(), violations);
        if (request.isNullable() != null && !request.isNullable()) {
            violations.add(new Violation("isNullable", "unsupported",
                    "a relation must be nullable: the records that already exist point at nothing"));
        }
        if (request.defaultValue() != null && !request.defaultValue().isNull()) {
            violations.add(new Violation("defaultValue", "unsupported-default", "relations take no defaultValue"));
        }
        if (type == null || onDelete == null) {
            throw new InvalidInputException(violations);
        }

        ObjectDefinition sourceObject = source.definition();
        ObjectDefinition targetObject = target.definition();
        RelationType inverseType = type == RelationType.MANY_TO_ONE ? RelationType.ONE_TO_MANY : RelationType.MANY_TO_ONE;
        String inverseLabel = payload.targetFieldLabel() != null && !payload.targetFieldLabel().isBlank()
                ? payload.targetFieldLabel().strip()
                : inverseType == RelationType.ONE_TO_MANY ? sourceObject.labelPlural() : sourceObject.labelSingular();
        String inverseName = payload.targetFieldLabel() != null && !payload.targetFieldLabel().isBlank()
                ? nameFromLabel(payload.targetFieldLabel())
                : inverseType == RelationType.ONE_TO_MANY ? sourceObject.namePlural() : sourceObject.nameSingular();
        String name = request.name() == null ? "" : request.name();

        FieldDefinition sourceField = new FieldDefinition(name, request.label() == null ? "" : request.label(),
                request.description(),
                new FieldType.Relation(type, targetObject.nameSingular(), inverseName, onDelete), true, false, null);
        FieldDefinition targetField = new FieldDefinition(inverseName, inverseLabel, null, new FieldType.Relation(inverseType, sourceObject.nameSingular(), name, onDelete), true, false,
                null);

        NameRules.validateField(sourceObject, sourceField)
                .forEach(v -> violations.add(new Violation(v.field(), v.rule(), v.message())));
        violations.addAll(FieldNames.reservedWord("name", name));
        // A relation of an object to itself puts both sides on it: the inverse must not meet the new field.
        ObjectDefinition targetAsItWillBe = target.id().equals(source.id())
                ? targetObject.withField(sourceField)
                : targetObject;
        NameRules.validateField(targetAsItWillBe, targetField)
                .forEach(v -> violations.add(new Violation(PAYLOAD + ".targetFieldLabel", v.rule(),
                        "the field on " + targetObject.nameSingular() + ": " + v.message())));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new RelationPair(source, sourceField, target, targetField);
    }

    /** Twenty's name for a label: its words in camelCase, letters and digits only ("Linked invoices" → linkedInvoices). */
    static String nameFromLabel(String label) {
        StringBuilder name = new StringBuilder();
        for (String word : label.strip().split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            name.append(name.isEmpty()
                    ? word.substring(0, 1).toLowerCase(Locale.ROOT) + word.substring(1)
                    : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1));
        }
        return name.toString();
    }

    private static RelationType relationType(String type, List<Violation> violations) {
        if (type == null) {
            violations.add(new Violation(PAYLOAD + ".type", "required", "the side of the relation is required"));
            return null;
        }
        try {
            return RelationType.valueOf(type);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(PAYLOAD + ".type", "unknown-relation-type",
                    "'" + type + "' is neither MANY_TO_ONE nor ONE_TO_MANY"));
            return null;
        }
    }

    private static OnDelete onDelete(String onDelete, List<Violation> violations) {
        return onDelete(onDelete, PAYLOAD + ".onDelete", violations);
    }

    /** {@code SET_NULL} when absent; null with a violation on {@code path} when not one of the three. */
    static OnDelete onDelete(String onDelete, String path, List<Violation> violations) {
        if (onDelete == null) {
            return OnDelete.SET_NULL;
        }
        try {
            return OnDelete.valueOf(onDelete);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path, "unknown-on-delete",
                    "'" + onDelete + "' is not one of SET_NULL, CASCADE, RESTRICT"));
            return null;
        }
    }
}
