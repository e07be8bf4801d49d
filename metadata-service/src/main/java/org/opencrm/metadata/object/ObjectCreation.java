package org.opencrm.metadata.object;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.field.FieldRows;
import org.opencrm.metadata.field.NewField;
import org.opencrm.metadata.field.StoredObject;
import org.opencrm.metadata.field.StoredObjects;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.InvalidFieldTypeException;
import org.opencrm.schema.NameRules;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaPlans;
import org.opencrm.schema.StandardObjects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates a custom object: its metadata (system fields and a {@code name} text field, as Twenty's custom objects
 * have), the relations Twenty adds from taskTarget, noteTarget, attachment, favorite and timelineActivity to it (both
 * sides), and the migration that creates its {@code _<nameSingular>} table and those relation columns, in one
 * transaction.
 */
@Component
class ObjectCreation {

    static final int MAX_LABEL_LENGTH = 255;

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final ObjectMetadataWriter writer;
    private final ObjectCatalog catalog;
    private final FieldRows fieldRows;

    ObjectCreation(WorkspaceMigrations migrations, StoredObjects storedObjects, ObjectMetadataWriter writer,
            ObjectCatalog catalog, FieldRows fieldRows) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.writer = writer;
        this.catalog = catalog;
        this.fieldRows = fieldRows;
    }

    @Transactional
    ObjectView create(UUID workspaceId, CreateObjectRequest request) {
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        List<StoredObject> stored = storedObjects.load(workspaceId);
        List<ObjectDefinition> existing = stored.stream().map(StoredObject::definition).toList();
        ObjectDefinition object = validated(request, existing);
        Map<String, List<FieldDefinition>> relations = relations(object, stored);
        UUID migrationId = migrations.request(workspaceId, workspace.schemaName(),
                "create-object " + object.nameSingular(), true, SchemaPlans.createCustomObject(object, existing));
        Map<String, String> icons = new HashMap<>();
        if (request.icon() != null) {
            icons.put(object.nameSingular(), request.icon());
        }
        Map<String, UUID> ids = writer.write(workspace, migrationId, List.of(object), icons);
        UUID objectId = ids.get(object.nameSingular());
        fieldRows.insert(relationRows(workspace, migrationId, object, objectId, relations, stored));
        return catalog.find(workspaceId, objectId).orElseThrow();
    }

    /**
     * The fields Twenty adds for a custom object, by object name, once checked against the linking objects as the
     * workspace holds them (custom fields included).
     */
    private static Map<String, List<FieldDefinition>> relations(ObjectDefinition object, List<StoredObject> stored) {
        Map<String, List<FieldDefinition>> relations;
        try {
            relations = StandardObjects.customObjectRelations(object);
        } catch (InvalidFieldTypeException e) {
            throw new InvalidInputException(e.violations().stream()
                    .map(v -> new Violation(v.field(), v.rule(), v.message()))
                    .toList());
        }
        List<Violation> violations = new ArrayList<>();
        relations.forEach((objectName, fields) -> {
            if (objectName.equals(object.nameSingular())) {
                return;
            }
            ObjectDefinition linking = linkingObject(stored, objectName, object).definition();
            for (FieldDefinition field : fields) {
                NameRules.validateField(linking, field).forEach(v -> violations.add(new Violation("nameSingular",
                        v.rule(), "a custom object named '" + object.nameSingular() + "' needs field '"
                                + field.name() + "' on " + objectName + ": " + v.message())));
            }
        });
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return relations;
    }

    /**
     * Both sides of every relation: the new object's ONE_TO_MANY inverses and the MANY_TO_ONE fields of the linking
     * objects, each pointing at the other as {@code relationTargetFieldMetadataId}.
     */
    private static List<NewField> relationRows(SchemaChangeTarget workspace, UUID migrationId, ObjectDefinition object,
            UUID objectId, Map<String, List<FieldDefinition>> relations, List<StoredObject> stored) {
        Map<String, UUID> inverseIds = new HashMap<>();
        relations.getOrDefault(object.nameSingular(), List.of())
                .forEach(inverse -> inverseIds.put(inverse.name(), UUID.randomUUID()));
        List<NewField> rows = new ArrayList<>();
        relations.forEach((objectName, fields) -> {
            if (objectName.equals(object.nameSingular())) {
                return;
            }
            StoredObject linking = linkingObject(stored, objectName, object);
            for (FieldDefinition field : fields) {
                FieldType.Relation relation = (FieldType.Relation) field.type();
                UUID fieldId = UUID.randomUUID();
                UUID inverseId = inverseIds.get(relation.inverseField());
                rows.add(new NewField(fieldId, workspace.workspaceId(), linking.id(), field, null, false, objectId,
                        inverseId, migrationId));
                FieldDefinition inverse = relations.get(object.nameSingular()).stream()
                        .filter(f -> f.name().equals(relation.inverseField()))
                        .findFirst()
                        .orElseThrow();
                rows.add(new NewField(inverseId, workspace.workspaceId(), objectId, inverse, null, false, linking.id(),
                        fieldId, migrationId));
            }
        });
        return rows;
    }

    private static StoredObject linkingObject(List<StoredObject> stored, String objectName, ObjectDefinition object) {
        return stored.stream()
                .filter(o -> o.definition().nameSingular().equals(objectName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the workspace has no " + objectName + " to relate " + object.nameSingular() + " to"));
    }

    /** Every rule the new object breaks at once, or its definition. */
    static ObjectDefinition validated(CreateObjectRequest request, List<ObjectDefinition> existing) {
        List<Violation> violations = new ArrayList<>();
        NameRules.validateObjectNames(request.nameSingular(), request.namePlural(), existing)
                .forEach(v -> violations.add(new Violation(v.field(), v.rule(), v.message())));
        label("labelSingular", request.labelSingular(), violations);
        label("labelPlural", request.labelPlural(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return ObjectDefinition.newCustomObject(request.nameSingular(), request.namePlural(),
                request.labelSingular(), request.labelPlural(), request.description());
    }

    private static void label(String property, String label, List<Violation> violations) {
        if (label == null || label.isBlank()) {
            violations.add(new Violation(property, "required", property + " is required"));
        } else if (label.length() > MAX_LABEL_LENGTH) {
            violations.add(new Violation(property, "too-long",
                    property + " is longer than " + MAX_LABEL_LENGTH + " characters"));
        }
    }
}
