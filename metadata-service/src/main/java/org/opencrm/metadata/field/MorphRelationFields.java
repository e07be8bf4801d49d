package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * Validates a new MORPH_RELATION field: a many-to-one relation whose record points at one of several objects, one
 * foreign key column {@code <name><Target>Id} per target (a task's {@code ownerPersonId}, {@code ownerCompanyId}).
 * The targets come from {@code morphRelationsCreationPayload}, each an existing active object of the workspace,
 * none twice. Each target gets its ONE_TO_MANY inverse, as a RELATION has: named after the item's
 * {@code targetFieldLabel}, else the source object's plural ({@code tasks} on person and on company), and listing
 * the source records whose column for that target points at it.
 */
final class MorphRelationFields {

    static final String TYPE = "MORPH_RELATION";
    static final String PAYLOAD = "morphRelationsCreationPayload";
    /** Each target adds a column and a foreign key; more than this is a modelling mistake, not a need. */
    static final int MAX_TARGETS = 20;

    private MorphRelationFields() {
    }

    /** The new field and, for each target, its inverse field there with the icon asked for. */
    record Validated(FieldDefinition field, List<Inverse> inverses) {
    }

    record Inverse(StoredObject target, FieldDefinition field, String icon) {
    }

    /**
     * The field to create, or every rule the request breaks.
     *
     * @param violations what the checks common to every field already found
     */
    static Validated validated(StoredObject source, List<StoredObject> workspaceObjects,
            CreateFieldRequest request, List<Violation> violations) {
        List<MorphRelationTarget> payload = request.morphRelationsCreationPayload();
        if (payload == null || payload.isEmpty()) {
            violations.add(new Violation(PAYLOAD, "required",
                    "MORPH_RELATION fields need a morphRelationsCreationPayload with at least one target"));
            throw new InvalidInputException(violations);
        }
        if (payload.size() > MAX_TARGETS) {
            violations.add(new Violation(PAYLOAD, "too-many", "a morph relation has at most " + MAX_TARGETS
                    + " targets, not " + payload.size()));
            throw new InvalidInputException(violations);
        }
        List<String> targets = new ArrayList<>();
        // Each target with the index of its payload item, for its inverse field's name and errors.
        Map<Integer, StoredObject> targetObjects = new LinkedHashMap<>();
        Set<OnDelete> onDeletes = new HashSet<>();
        for (int i = 0; i < payload.size(); i++) {
            MorphRelationTarget item = payload.get(i);
            String path = PAYLOAD + "[" + i + "]";
            if (item == null || item.targetObjectMetadataId() == null) {
                violations.add(new Violation(path + ".targetObjectMetadataId", "required",
                        "each target needs its targetObjectMetadataId"));
                continue;
            }
            if (item.type() != null && !item.type().equals("MANY_TO_ONE")) {
                violations.add(new Violation(path + ".type", "unsupported",
                        "a morph relation is MANY_TO_ONE: the new field holds the foreign keys"));
            }
            OnDelete onDelete = RelationFields.onDelete(item.onDelete(), path + ".onDelete", violations);
            if (onDelete != null) {
                onDeletes.add(onDelete);
            }
            StoredObject target = workspaceObjects.stream()
                    .filter(o -> o.id().equals(item.targetObjectMetadataId()))
                    .findFirst()
                    .orElse(null);
            if (target == null) {
                violations.add(new Violation(path + ".targetObjectMetadataId", "not-found",
                        "object " + item.targetObjectMetadataId() + " does not exist in this workspace"));
                continue;
            }
            String targetName = target.definition().nameSingular();
            if (!target.isActive()) {
                violations.add(new Violation(path + ".targetObjectMetadataId", "inactive",
                        "object " + targetName + " is not active"));
            } else if (target.migrationStatus() == MigrationStatus.FAILED) {
                violations.add(new Violation(path + ".targetObjectMetadataId", "object-not-created",
                        "the table of object " + targetName + " could not be created"));
            }
            if (targets.contains(targetName)) {
                violations.add(new Violation(path + ".targetObjectMetadataId", "duplicate",
                        "object " + targetName + " is already a target"));
            } else {
                targets.add(targetName);
                targetObjects.put(i, target);
            }
        }
        if (onDeletes.size() > 1) {
            violations.add(new Violation(PAYLOAD, "mixed-on-delete", "every target must take the same onDelete"));
        }
        if (request.isNullable() != null && !request.isNullable()) {
            violations.add(new Violation("isNullable", "unsupported",
                    "a relation must be nullable: the records that already exist point at nothing"));
        }
        if (request.defaultValue() != null && !request.defaultValue().isNull()) {
            violations.add(new Violation("defaultValue", "unsupported-default", "relations take no defaultValue"));
        }
        if (!violations.isEmpty() || targets.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String name = request.name() == null ? "" : request.name();
        OnDelete onDelete = onDeletes.isEmpty() ? OnDelete.SET_NULL : onDeletes.iterator().next();
        FieldDefinition field = new FieldDefinition(name, request.label() == null ? "" : request.label(),
                request.description(), new FieldType.MorphRelation(targets, onDelete), true, false, null);
        NameRules.validateField(source.definition(), field)
                .forEach(v -> violations.add(new Violation(v.field(), v.rule(), v.message())));
        violations.addAll(FieldNames.reservedWord("name", name));
        List<Inverse> inverses = new ArrayList<>();
        for (Map.Entry<Integer, StoredObject> entry : targetObjects.entrySet()) {
            StoredObject target = entry.getValue();
            MorphRelationTarget item = payload.get(entry.getKey());
            String path = PAYLOAD + "[" + entry.getKey() + "].targetFieldLabel";
            FieldDefinition inverse = inverse(source.definition(), name, item.targetFieldLabel(), onDelete);
            // A target that is the source itself has the new field too: the inverse must not meet it.
            ObjectDefinition targetAsItWillBe = target.id().equals(source.id())
                    ? target.definition().withField(field)
                    : target.definition();
            NameRules.validateField(targetAsItWillBe, inverse).forEach(v -> violations.add(new Violation(path,
                    v.rule(), "the field on " + target.definition().nameSingular() + ": " + v.message())));
            inverses.add(new Inverse(target, inverse, item.targetFieldIcon()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Validated(field, inverses);
    }

    private static FieldDefinition inverse(ObjectDefinition source, String morphName, String targetFieldLabel,
            OnDelete onDelete) {
        boolean labelled = targetFieldLabel != null && !targetFieldLabel.isBlank();
        String name = labelled ? RelationFields.nameFromLabel(targetFieldLabel) : source.namePlural();
        String label = labelled ? targetFieldLabel.strip() : source.labelPlural();
        return new FieldDefinition(name, label, null,
                new FieldType.Relation(RelationType.ONE_TO_MANY, source.nameSingular(), morphName, onDelete),
                true, false, null);
    }
}
