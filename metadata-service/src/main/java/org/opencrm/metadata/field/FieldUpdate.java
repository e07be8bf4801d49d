package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.NotFoundException;
import org.opencrm.metadata.api.PatchBody;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.migration.MetadataUndo;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.metadata.migration.SchemaChangeTarget;
import org.opencrm.metadata.migration.WorkspaceMigrations;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypeChanges;
import org.opencrm.schema.FieldTypes;
import org.opencrm.schema.NameRules;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.SchemaEvolutionPlans;
import org.opencrm.schema.SelectOption;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PATCH /rest/metadata/fields/{id}}: changes a field's metadata and, where its columns must follow, requests
 * the migration that changes them (rename, type, options, default, nullability, uniqueness), in one transaction.
 * Labels, descriptions, icons and isActive are metadata only. If the migration fails, {@link MetadataUndo} puts
 * the field back as it was.
 */
@Component
class FieldUpdate {

    static final Set<String> MUTABLE = Set.of("name", "label", "description", "icon", "isActive", "isNullable",
            "isUnique", "defaultValue", "options", "type", "settings");
    static final Set<String> IMMUTABLE = Set.of("id", "objectMetadataId", "isCustom", "isSystem", "relation",
            "relationCreationPayload", "migrationStatus", "migrationId", "migrationError", "workspaceId",
            "createdAt", "updatedAt");
    /** What a standard field (one a workspace comes with) lets clients change, as in Twenty. */
    private static final Set<String> STANDARD_MUTABLE = Set.of("label", "description", "icon", "isActive",
            "defaultValue", "options", "settings");
    private static final Set<String> SYSTEM_MUTABLE = Set.of("label", "description", "icon");

    private static final String UPDATE = """
            UPDATE core."fieldMetadata"
            SET "name" = ?, "label" = ?, "description" = ?, "icon" = ?, "type" = ?, "isActive" = ?, "isNullable" = ?,
                "isUnique" = ?, "defaultValue" = CAST(? AS jsonb), "options" = CAST(? AS jsonb),
                "settings" = CAST(? AS jsonb), "workspaceMigrationId" = ?, "updatedAt" = now()
            WHERE "id" = ? AND "workspaceId" = ?""";

    private static final String SET_ACTIVE = """
            UPDATE core."fieldMetadata" SET "isActive" = ?, "updatedAt" = now()
            WHERE "workspaceId" = ? AND "id" = ANY(?)""";

    private final WorkspaceMigrations migrations;
    private final StoredObjects storedObjects;
    private final FieldCatalog catalog;
    private final MetadataUndo undo;
    private final JdbcTemplate jdbc;

    FieldUpdate(WorkspaceMigrations migrations, StoredObjects storedObjects, FieldCatalog catalog, MetadataUndo undo,
            JdbcTemplate jdbc) {
        this.migrations = migrations;
        this.storedObjects = storedObjects;
        this.catalog = catalog;
        this.undo = undo;
        this.jdbc = jdbc;
    }

    @Transactional
    FieldView update(UUID workspaceId, UUID fieldId, JsonNode body) {
        PatchBody patch = PatchBody.of(body, MUTABLE, IMMUTABLE);
        SchemaChangeTarget workspace = migrations.lockActiveWorkspace(workspaceId);
        FieldView stored = catalog.find(workspaceId, fieldId).orElseThrow(() -> new NotFoundException("field", fieldId));
        List<StoredObject> objects = storedObjects.load(workspaceId);
        StoredObject owner = objects.stream().filter(o -> o.id().equals(stored.objectMetadataId())).findFirst()
                .orElseThrow();
        ObjectDefinition object = owner.definition();
        List<ObjectDefinition> definitions = objects.stream().map(StoredObject::definition).toList();
        FieldDefinition before = object.allFields().stream().filter(f -> f.name().equals(stored.name())).findFirst()
                .orElseThrow();
        before = before.withDefault(storedDefault(before.type(), stored.defaultValue()));

        List<Violation> violations = new ArrayList<>();
        Set<String> allowed = stored.isSystem() ? SYSTEM_MUTABLE : stored.isCustom() ? MUTABLE : STANDARD_MUTABLE;
        for (String property : MUTABLE) {
            if (patch.has(property) && !allowed.contains(property)) {
                violations.add(new Violation(property, stored.isSystem() ? "system-field" : "standard-field",
                        property + " of " + (stored.isSystem() ? "system" : "standard") + " field " + stored.name()
                                + " cannot be changed"));
            }
        }
        if (stored.migrationStatus() == MigrationStatus.FAILED) {
            violations.add(new Violation("id", "field-not-created",
                    "the columns of field " + stored.name() + " could not be created; delete it instead"));
        }
        throwIfAny(violations);

        String label = patch.has("label") ? label(patch, violations) : stored.label();
        String description = patch.has("description") ? patch.nullableText("description") : stored.description();
        String icon = patch.has("icon") ? patch.nullableText("icon") : stored.icon();
        boolean isActive = patch.has("isActive") ? patch.bool("isActive") : stored.isActive();
        boolean nullable = patch.has("isNullable") ? patch.bool("isNullable") : stored.isNullable();
        boolean unique = patch.has("isUnique") ? patch.bool("isUnique") : stored.isUnique();

        String name = patch.has("name") ? patch.text("name") : stored.name();
        FieldDefinition renamed = new FieldDefinition(name, before.label(), before.description(), before.type(),
                before.nullable(), before.unique(), before.defaultValue());
        if (!name.equals(stored.name())) {
            ObjectDefinition withoutField = new ObjectDefinition(object.nameSingular(), object.namePlural(),
                    object.labelSingular(), object.labelPlural(), object.description(), object.custom(),
                    object.fields().stream().filter(f -> !f.name().equals(stored.name())).toList(), List.of());
            NameRules.validateField(withoutField, renamed)
                    .forEach(v -> violations.add(new Violation(v.field(), v.rule(), v.message())));
            violations.addAll(FieldNames.reservedWord("name", name));
        }

        FieldType type = before.type();
        boolean typeChanged = false;
        JsonNode optionsJson = stored.options();
        OptionIds.Matched matched = null;
        if (patch.has("type") || patch.has("options")) {
            String typeName = patch.has("type") ? patch.text("type") : stored.type();
            JsonNode requestedOptions = patch.has("options") ? patch.get("options") : stored.options();
            if (patch.has("options") && !(before.type() instanceof FieldType.Select)
                    && !(before.type() instanceof FieldType.MultiSelect) && !patch.has("type")) {
                violations.add(new Violation("options", "no-options", "fields of type " + stored.type()
                        + " have no options to change"));
            } else {
                Optional<FieldType> read = RequestedFieldType.read(typeName, requestedOptions, violations);
                if (read.isPresent()) {
                    type = read.get();
                    typeChanged = !type.typeName().equals(stored.type());
                    if (typeChanged) {
                        FieldTypeChanges.refusal(before.type(), type).ifPresent(reason ->
                                violations.add(new Violation("type", "unsafe-type-change", reason)));
                    }
                    JsonNode written = FieldTypes.options(type);
                    if (written instanceof ArrayNode writtenOptions) {
                        List<SelectOption> options = optionsOf(type);
                        JsonNode storedOptions = stored.options() == null ? writtenOptions.arrayNode() : stored.options();
                        matched = OptionIds.match(storedOptions, requestedOptions, options, writtenOptions);
                        optionsJson = matched.options();
                    } else {
                        optionsJson = null;
                    }
                }
            }
        }
        throwIfAny(violations);

        DefaultValue defaultValue;
        if (patch.has("defaultValue")) {
            defaultValue = DefaultValueReader.fromApi(type, patch.get("defaultValue"), violations).orElse(null);
        } else {
            // The default follows its options' renames, and is kept only while it is still a valid value of the
            // (possibly new) type and options.
            defaultValue = before.defaultValue() == null ? null
                    : DefaultValueReader.fromApi(type, DefaultValueWriter.defaultValue(
                            before.withDefault(followingRenames(before.defaultValue(), matched))), new ArrayList<>())
                            .orElse(null);
        }
        if (!nullable && defaultValue == null && !CompositeSubFields.isComposite(type)
                && (patch.has("isNullable") || patch.has("defaultValue"))
                && violations.stream().noneMatch(v -> v.field().equals("defaultValue"))) {
            violations.add(new Violation("defaultValue", "required",
                    "a field that is not nullable needs a defaultValue"));
        }
        ObjectNode displaySettings = patch.has("settings")
                ? FieldSettings.read(type, patch.get("settings"), violations)
                : FieldSettings.keptAcross(stored.settings(), before.type(), type);
        if (patch.has("isUnique") && unique && stored.relation() != null) {
            violations.add(new Violation("isUnique", "unsupported", "relations cannot be unique"));
        } else if (patch.has("isUnique") && unique) {
            violations.addAll(UniqueFields.violations(type));
        }
        throwIfAny(violations);

        FieldDefinition after = new FieldDefinition(name, label, description, type, nullable, unique, defaultValue);
        List<SchemaOperation> plan = plan(object, definitions, before, renamed, after, typeChanged, matched);
        UUID migrationId = stored.migrationId();
        if (!plan.isEmpty()) {
            MetadataUndo.Snapshot snapshot = undo.capture(List.of(), List.of(fieldId), List.of());
            migrationId = migrations.request(workspaceId, workspace.schemaName(),
                    "update-field " + object.nameSingular() + "." + stored.name(), true, plan);
            undo.keep(migrationId, snapshot);
        }
        jdbc.update(UPDATE, name, label, description, icon, type.typeName(), isActive, nullable, unique,
                text(DefaultValueWriter.defaultValue(after)), text(optionsJson), text(FieldSettings.stored(after, displaySettings)), migrationId,
                fieldId, workspaceId);
        if (isActive != stored.isActive()) {
            // A relation is one thing seen from its objects: all of its fields are active, or none (a morph
            // relation's field and the inverse on each of its targets).
            UUID[] others = catalog.otherRelationSides(workspaceId, stored).stream().map(FieldView::id).toArray(UUID[]::new);
            if (others.length > 0) {
                jdbc.update(SET_ACTIVE, isActive, workspaceId, others);
            }
        }
        return catalog.find(workspaceId, fieldId).orElseThrow();
    }

    /** Rename first; every later operation names the field by its new name. */
    private static List<SchemaOperation> plan(ObjectDefinition object, List<ObjectDefinition> definitions,
            FieldDefinition before, FieldDefinition renamed, FieldDefinition after, boolean typeChanged,
            OptionIds.Matched matched) {
        List<SchemaOperation> plan = new ArrayList<>();
        if (!renamed.name().equals(before.name())) {
            plan.addAll(SchemaEvolutionPlans.renameField(object, before, renamed, definitions));
        }
        boolean defaultSet = false;
        if (typeChanged) {
            if (FieldTypeChanges.plan(object, renamed, after) instanceof FieldTypeChanges.Outcome.Allowed allowed) {
                plan.addAll(allowed.operations());
                defaultSet = !allowed.operations().isEmpty();
            }
        } else if (matched != null && optionsChanged(renamed.type(), after.type(), matched)) {
            String replacement = after.type() instanceof FieldType.Select
                    && after.defaultValue() instanceof DefaultValue.EnumValue value ? value.value() : null;
            plan.addAll(SchemaEvolutionPlans.changeOptions(object, renamed, optionsOf(after.type()),
                    matched.renamed(), matched.removed().isEmpty() ? null : replacement, after.defaultValue()));
            defaultSet = true;
        }
        if (!defaultSet && !Objects.equals(before.defaultValue(), after.defaultValue())) {
            plan.addAll(SchemaEvolutionPlans.changeDefault(object, renamed, after.defaultValue()));
        }
        if (before.nullable() != after.nullable()) {
            plan.addAll(SchemaEvolutionPlans.changeNullable(object, renamed, after.nullable()));
        }
        if (before.unique() != after.unique()) {
            plan.addAll(SchemaEvolutionPlans.changeUnique(object, renamed, after.unique(), definitions));
        }
        return plan;
    }

    private static DefaultValue followingRenames(DefaultValue value, OptionIds.Matched matched) {
        if (matched == null || matched.renamed().isEmpty()) {
            return value;
        }
        Map<String, String> renamed = matched.renamed();
        return switch (value) {
            case DefaultValue.EnumValue one -> new DefaultValue.EnumValue(renamed.getOrDefault(one.value(), one.value()));
            case DefaultValue.EnumValues several -> new DefaultValue.EnumValues(
                    several.values().stream().map(option -> renamed.getOrDefault(option, option)).toList());
            default -> value;
        };
    }

    private static boolean optionsChanged(FieldType before, FieldType after, OptionIds.Matched matched) {
        List<String> oldValues = optionsOf(before).stream().map(SelectOption::value).toList();
        List<String> newValues = optionsOf(after).stream().map(SelectOption::value).toList();
        return !oldValues.equals(newValues) || !matched.renamed().isEmpty();
    }

    private static List<SelectOption> optionsOf(FieldType type) {
        return switch (type) {
            case FieldType.Select select -> select.options();
            case FieldType.MultiSelect multiSelect -> multiSelect.options();
            default -> List.of();
        };
    }

    private static DefaultValue storedDefault(FieldType type, JsonNode stored) {
        // A composite field's default is an object of its parts', a RAW_JSON one any JSON: both are read as stored.
        if (stored == null || stored.isNull()) {
            return null;
        }
        return DefaultValueReader.fromApi(type, stored, new ArrayList<>()).orElse(null);
    }

    private static String label(PatchBody patch, List<Violation> violations) {
        String label = patch.text("label");
        if (label.isBlank()) {
            violations.add(new Violation("label", "required", "label is required"));
        } else if (label.length() > FieldCreation.MAX_LABEL_LENGTH) {
            violations.add(new Violation("label", "too-long",
                    "label is longer than " + FieldCreation.MAX_LABEL_LENGTH + " characters"));
        }
        return label;
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
