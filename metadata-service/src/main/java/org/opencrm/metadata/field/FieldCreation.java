package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.NameRules;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaPlans;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.node.ObjectNode;

/**
 * Adds a custom field to an object (for a relation, both of its sides): validates it, stores it and requests its
 * columns, in one transaction.
 */
@Component
class FieldCreation {

    static final int MAX_LABEL_LENGTH = 255;
    static final String RELATION = "RELATION";

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final FieldRows fieldRows;
    private final FieldCatalog catalog;

    FieldCreation(WorkspaceMigrations migrations, StoredObjects storedObjects, FieldRows fieldRows,
            FieldCatalog catalog) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.fieldRows = fieldRows;
        this.catalog = catalog;
    }

    @Transactional
    FieldView create(UUID workspaceId, CreateFieldRequest request) {
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        if (request.objectMetadataId() == null) {
            throw new InvalidInputException("objectMetadataId", "required", "objectMetadataId is required");
        }
        List<StoredObject> objects = storedObjects.load(workspaceId);
        StoredObject object = objects.stream()
                .filter(o -> o.id().equals(request.objectMetadataId()))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("object", request.objectMetadataId()));
        List<ObjectDefinition> definitions = objects.stream().map(StoredObject::definition).toList();
        UUID fieldId = switch (request.type() == null ? "" : request.type()) {
            case RELATION -> createRelation(workspace, RelationFields.validated(object, objects, request,
                    commonViolations(object, request)), request, definitions);
            case MorphRelationFields.TYPE -> createMorphRelation(workspace, object, MorphRelationFields.validated(object,
                    objects, request, commonViolations(object, request)), request, definitions);
            default -> createField(workspace, object, validated(object, request), request, definitions);
        };
        return catalog.find(workspaceId, fieldId).orElseThrow();
    }

    private UUID createField(SchemaChangeTarget workspace, StoredObject object, FieldDefinition field,
            CreateFieldRequest request, List<ObjectDefinition> definitions) {
        List<SchemaOperation> plan = SchemaPlans.addField(object.definition(), field, definitions);
        UUID migrationId = migrations.request(workspace.workspaceId(), workspace.schemaName(),
                "create-field " + object.definition().nameSingular() + "." + field.name(), true, plan);
        UUID fieldId = UUID.randomUUID();
        ObjectNode settings = FieldSettings.read(field.type(), request.settings(), new ArrayList<>());
        fieldRows.insert(List.of(new NewField(fieldId, workspace.workspaceId(), object.id(), field, request.icon(),
                true, null, null, migrationId, settings)));
        return fieldId;
    }

    /** Both sides in one migration: only the MANY_TO_ONE side has a column (and foreign key). */
    private UUID createRelation(SchemaChangeTarget workspace, RelationPair relation, CreateFieldRequest request,
            List<ObjectDefinition> definitions) {
        List<SchemaOperation> plan = relation.sourceHoldsForeignKey()
                ? SchemaPlans.addField(relation.source().definition(), relation.sourceField(), definitions)
                : SchemaPlans.addField(relation.target().definition(), relation.targetField(), definitions);
        UUID migrationId = migrations.request(workspace.workspaceId(), workspace.schemaName(),
                "create-relation " + relation.source().definition().nameSingular() + "."
                        + relation.sourceField().name(), true, plan);
        UUID sourceFieldId = UUID.randomUUID();
        UUID targetFieldId = UUID.randomUUID();
        RelationCreationPayload payload = request.relationCreationPayload();
        fieldRows.insert(List.of(
                new NewField(sourceFieldId, workspace.workspaceId(), relation.source().id(), relation.sourceField(),
                        request.icon(), true, relation.target().id(), targetFieldId, migrationId),
                new NewField(targetFieldId, workspace.workspaceId(), relation.target().id(), relation.targetField(),
                        payload.targetFieldIcon(), true, relation.source().id(), sourceFieldId, migrationId)));
        return sourceFieldId;
    }

    /**
     * The field with its foreign key columns and each target's inverse, in one migration: only the field has
     * columns. An inverse points at the field; the field, having several inverses, points at none.
     */
    private UUID createMorphRelation(SchemaChangeTarget workspace, StoredObject source,
            MorphRelationFields.Validated morph, CreateFieldRequest request, List<ObjectDefinition> definitions) {
        List<SchemaOperation> plan = SchemaPlans.addField(source.definition(), morph.field(), definitions);
        UUID migrationId = migrations.request(workspace.workspaceId(), workspace.schemaName(),
                "create-morph-relation " + source.definition().nameSingular() + "." + morph.field().name(), true, plan);
        UUID fieldId = UUID.randomUUID();
        List<NewField> rows = new ArrayList<>();
        rows.add(new NewField(fieldId, workspace.workspaceId(), source.id(), morph.field(), request.icon(), true,
                null, null, migrationId));
        for (MorphRelationFields.Inverse inverse : morph.inverses()) {
            rows.add(new NewField(UUID.randomUUID(), workspace.workspaceId(), inverse.target().id(), inverse.field(),
                    inverse.icon(), true, source.id(), fieldId, migrationId));
        }
        fieldRows.insert(rows);
        return fieldId;
    }

    /** Every rule a new field (not a relation) breaks at once, or the field to create. */
    static FieldDefinition validated(StoredObject object, CreateFieldRequest request) {
        List<Violation> violations = commonViolations(object, request);
        Optional<FieldType> type = RequestedFieldType.read(request.type(), request.options(), violations);
        // The name is checked even when the type is not, against the columns a plain text field would take.
        FieldType typeForNameRules = type.orElseGet(FieldType.Text::new);
        boolean nullable = request.isNullable() == null || request.isNullable();
        boolean unique = Boolean.TRUE.equals(request.isUnique());
        if (unique) {
            type.ifPresent(t -> violations.addAll(UniqueFields.violations(t)));
        }
        type.ifPresent(t -> FieldSettings.read(t, request.settings(), violations));
        DefaultValue defaultValue = type
                .flatMap(t -> DefaultValueReader.fromApi(t, request.defaultValue(), violations))
                .orElse(null);
        if (type.isPresent() && !nullable && defaultValue == null && !CompositeSubFields.isComposite(type.get())
                && violations.stream().noneMatch(v -> v.field().equals("defaultValue"))) {
            violations.add(new Violation("defaultValue", "required",
                    "a field that is not nullable needs a defaultValue for the records that already exist"));
        }
        FieldDefinition field = new FieldDefinition(request.name() == null ? "" : request.name(),
                request.label() == null ? "" : request.label(), request.description(), typeForNameRules, nullable,
                unique, defaultValue);
        NameRules.validateField(object.definition(), field)
                .forEach(v -> violations.add(new Violation(v.field(), v.rule(), v.message())));
        violations.addAll(FieldNames.reservedWord("name", request.name()));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return field;
    }

    /** The rules of the object a field goes on and of its label, whatever its type. */
    private static List<Violation> commonViolations(StoredObject object, CreateFieldRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (!object.isActive()) {
            violations.add(new Violation("objectMetadataId", "inactive",
                    "object " + object.definition().nameSingular() + " is not active"));
        }
        if (object.migrationStatus() == MigrationStatus.FAILED) {
            violations.add(new Violation("objectMetadataId", "object-not-created",
                    "the table of object " + object.definition().nameSingular() + " could not be created"));
        }
        // Relations, plain or morph, are read from their payload rather than by RequestedFieldType, whose type
        // checks (FieldSettings, UniqueFields) would otherwise refuse these.
        String payload = RELATION.equals(request.type()) ? RelationFields.PAYLOAD
                : MorphRelationFields.TYPE.equals(request.type()) ? MorphRelationFields.PAYLOAD : null;
        if (payload != null && request.settings() != null && !request.settings().isNull()
                && !request.settings().isEmpty()) {
            violations.add(new Violation("settings", "platform-owned", "the settings of a " + request.type()
                    + " field are set by the platform from its " + payload));
        }
        if (payload != null && Boolean.TRUE.equals(request.isUnique())) {
            violations.add(new Violation("isUnique", "unsupported", "relations cannot be unique"));
        }
        if (request.label() == null || request.label().isBlank()) {
            violations.add(new Violation("label", "required", "label is required"));
        } else if (request.label().length() > MAX_LABEL_LENGTH) {
            violations.add(new Violation("label", "too-long", "label is longer than " + MAX_LABEL_LENGTH + " characters"));
        }
        return violations;
    }
}
