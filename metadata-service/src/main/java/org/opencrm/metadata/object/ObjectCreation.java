package org.opencrm.metadata.object;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.field.StoredObject;
import org.opencrm.metadata.field.StoredObjects;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.schema.NameRules;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaPlans;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates a custom object: its metadata (system fields and a {@code name} text field, as Twenty's custom objects
 * have), and the migration that creates its {@code _<nameSingular>} table, in one transaction.
 */
@Component
class ObjectCreation {

    static final int MAX_LABEL_LENGTH = 255;

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final ObjectMetadataWriter writer;
    private final ObjectCatalog catalog;

    ObjectCreation(WorkspaceMigrations migrations, StoredObjects storedObjects, ObjectMetadataWriter writer,
            ObjectCatalog catalog) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.writer = writer;
        this.catalog = catalog;
    }

    @Transactional
    ObjectView create(UUID workspaceId, CreateObjectRequest request) {
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        List<ObjectDefinition> existing = storedObjects.load(workspaceId).stream()
                .map(StoredObject::definition)
                .toList();
        ObjectDefinition object = validated(request, existing);
        UUID migrationId = migrations.request(workspaceId, workspace.schemaName(),
                "create-object " + object.nameSingular(), true, SchemaPlans.createObject(object, existing));
        Map<String, String> icons = new HashMap<>();
        if (request.icon() != null) {
            icons.put(object.nameSingular(), request.icon());
        }
        Map<String, UUID> ids = writer.write(workspace, migrationId, List.of(object), icons);
        return catalog.find(workspaceId, ids.get(object.nameSingular())).orElseThrow();
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
