package org.opencrm.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.opencrm.proto.metadata.v1.AddForeignKey;
import org.opencrm.proto.metadata.v1.ChangeEnumValues;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.DropColumn;
import org.opencrm.proto.metadata.v1.DropEnumType;
import org.opencrm.proto.metadata.v1.DropForeignKey;
import org.opencrm.proto.metadata.v1.DropIndex;
import org.opencrm.proto.metadata.v1.DropTable;
import org.opencrm.proto.metadata.v1.EnumColumn;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.proto.metadata.v1.Reconcile;
import org.opencrm.proto.metadata.v1.RenameColumn;
import org.opencrm.proto.metadata.v1.RenameConstraint;
import org.opencrm.proto.metadata.v1.RenameEnumType;
import org.opencrm.proto.metadata.v1.RenameIndex;
import org.opencrm.proto.metadata.v1.RenameTable;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.SetColumnDefault;
import org.opencrm.proto.metadata.v1.SetColumnNullable;
import org.opencrm.schema.ddl.ForeignKeyNames;

/**
 * The ordered schema operations of each change to an existing workspace (the counterpart of {@link SchemaPlans},
 * which creates). Every name derived from another (enum types, indexes, foreign keys) is renamed explicitly with
 * what it derives from, so an evolved schema has exactly the names a fresh plan of the same metadata gives.
 */
public final class SchemaEvolutionPlans {

    private SchemaEvolutionPlans() {}

    /**
     * An object's new names: its table (when nameSingular changes) and every name derived from the table.
     *
     * @param workspaceObjects the workspace's objects as they are, {@code before} among them
     */
    public static List<SchemaOperation> renameObject(
            ObjectDefinition before, ObjectDefinition after, Collection<ObjectDefinition> workspaceObjects) {
        String from = before.tableName();
        String to = after.tableName();
        if (from.equals(to)) {
            return List.of();
        }
        List<SchemaOperation> plan = new ArrayList<>();
        plan.add(SchemaOperation.newBuilder()
                .setRenameTable(RenameTable.newBuilder().setFrom(from).setTo(to))
                .build());
        List<SchemaOperation> oldPlan = SchemaPlans.createObject(before, workspaceObjects);
        List<SchemaOperation> newPlan = SchemaPlans.createObject(after, workspaceObjects);
        plan.addAll(derivedRenames(to, oldPlan, newPlan));
        return List.copyOf(plan);
    }

    /**
     * A field's new name: its columns, enum types, indexes and foreign key.
     *
     * @param object the object as it is, with {@code before}
     */
    public static List<SchemaOperation> renameField(ObjectDefinition object, FieldDefinition before,
            FieldDefinition after, Collection<ObjectDefinition> workspaceObjects) {
        String table = object.tableName();
        List<SchemaOperation> plan = new ArrayList<>();
        List<FieldColumn> oldColumns = FieldColumns.of(table, before);
        List<FieldColumn> newColumns = FieldColumns.of(table, after);
        for (int i = 0; i < oldColumns.size(); i++) {
            String from = oldColumns.get(i).columnName();
            String to = newColumns.get(i).columnName();
            if (!from.equals(to)) {
                plan.add(SchemaOperation.newBuilder()
                        .setRenameColumn(RenameColumn.newBuilder().setTable(table).setFrom(from).setTo(to))
                        .build());
            }
        }
        plan.addAll(derivedRenames(table, SchemaPlans.addField(object, before, workspaceObjects),
                SchemaPlans.addField(object, after, workspaceObjects)));
        return List.copyOf(plan);
    }

    /**
     * Drops an object's table with its enum types, after the columns on other tables that point at it.
     *
     * @param pointingAtIt the MANY_TO_ONE relation fields of other objects whose target is {@code object}, each
     *     with its object
     */
    public static List<SchemaOperation> dropObject(ObjectDefinition object, Map<FieldDefinition, ObjectDefinition> pointingAtIt,
            Collection<ObjectDefinition> workspaceObjects) {
        List<SchemaOperation> plan = new ArrayList<>();
        pointingAtIt.forEach((field, owner) -> {
            if (!owner.nameSingular().equals(object.nameSingular())) {
                plan.addAll(dropField(owner, field, workspaceObjects));
            }
        });
        plan.add(SchemaOperation.newBuilder()
                .setDropTable(DropTable.newBuilder().setTable(object.tableName()))
                .build());
        for (FieldDefinition field : object.allFields()) {
            FieldColumns.enumTypes(object.tableName(), field).forEach(type -> plan.add(dropEnumType(type)));
        }
        return List.copyOf(plan);
    }

    /** Drops a field: its indexes, foreign key, columns, then its enum types. */
    public static List<SchemaOperation> dropField(
            ObjectDefinition object, FieldDefinition field, Collection<ObjectDefinition> workspaceObjects) {
        String table = object.tableName();
        List<SchemaOperation> created = SchemaPlans.addField(object, field, workspaceObjects);
        List<SchemaOperation> plan = new ArrayList<>();
        created.stream().filter(SchemaOperation::hasCreateIndex).forEach(op -> plan.add(
                dropIndex(op.getCreateIndex().getName())));
        created.stream().filter(SchemaOperation::hasAddForeignKey).forEach(op -> plan.add(SchemaOperation.newBuilder()
                .setDropForeignKey(DropForeignKey.newBuilder().setTable(table).setColumn(op.getAddForeignKey().getColumn()))
                .build()));
        FieldColumns.of(table, field).forEach(column -> plan.add(SchemaOperation.newBuilder()
                .setDropColumn(DropColumn.newBuilder().setTable(table).setColumn(column.columnName()))
                .build()));
        FieldColumns.enumTypes(table, field).forEach(type -> plan.add(dropEnumType(type)));
        return List.copyOf(plan);
    }

    /**
     * The field's default for future rows, each column's as a field created with it would have it (a composite
     * field's parts each their own, their standard ones when {@code newDefault} is null); null drops it for an
     * atomic field. Existing rows keep their values.
     */
    public static List<SchemaOperation> changeDefault(
            ObjectDefinition object, FieldDefinition field, DefaultValue newDefault) {
        String table = object.tableName();
        List<SchemaOperation> plan = new ArrayList<>();
        for (FieldColumn column : FieldColumns.of(table, field.withDefault(newDefault))) {
            SetColumnDefault.Builder set = SetColumnDefault.newBuilder().setTable(table).setColumn(column.columnName());
            if (column.column().hasDefaultValue()) {
                set.setDefaultValue(column.column().getDefaultValue());
            }
            plan.add(SchemaOperation.newBuilder().setSetColumnDefault(set).build());
        }
        return List.copyOf(plan);
    }

    /** NOT NULL on or off for the field's column. */
    public static List<SchemaOperation> changeNullable(ObjectDefinition object, FieldDefinition field, boolean nullable) {
        String table = object.tableName();
        return FieldColumns.of(table, field).stream()
                .map(column -> SchemaOperation.newBuilder()
                        .setSetColumnNullable(SetColumnNullable.newBuilder()
                                .setTable(table).setColumn(column.columnName()).setNullable(nullable))
                        .build())
                .toList();
    }

    /**
     * Creates or drops the partial unique index of a field, named as a fresh plan of a unique field names it.
     *
     * @param field the field as it is
     */
    public static List<SchemaOperation> changeUnique(ObjectDefinition object, FieldDefinition field, boolean unique,
            Collection<ObjectDefinition> workspaceObjects) {
        if (field.unique() == unique) {
            return List.of();
        }
        FieldDefinition uniqueField = field.asUnique();
        FieldDefinition plainField = new FieldDefinition(field.name(), field.label(), field.description(), field.type(),
                field.nullable(), false, field.defaultValue());
        Set<String> plainIndexes = indexNames(SchemaPlans.addField(object, plainField, workspaceObjects));
        List<CreateIndex> uniqueIndexes = SchemaPlans.addField(object, uniqueField, workspaceObjects).stream()
                .filter(SchemaOperation::hasCreateIndex)
                .map(SchemaOperation::getCreateIndex)
                .filter(index -> !plainIndexes.contains(index.getName()))
                .toList();
        return uniqueIndexes.stream()
                .map(index -> unique
                        ? SchemaOperation.newBuilder().setCreateIndex(index).build()
                        : dropIndex(index.getName()))
                .toList();
    }

    /**
     * New options of a SELECT or MULTI_SELECT field (RATING's are fixed): the enum type's values become
     * {@code after}'s, in their order, and rows follow.
     *
     * @param before the field as it is
     * @param renamed old value → new value, for options kept under another value
     * @param replacement what rows holding a removed value get (a value of {@code after}), null for NULL (or,
     *     in a MULTI_SELECT, the element is removed)
     * @param newDefault the field's default once the values have changed, null for none
     * @throws IllegalArgumentException if a rename target, the replacement or the default is not a value of
     *     {@code after}: the worker would fail the migration on it
     */
    public static List<SchemaOperation> changeOptions(ObjectDefinition object, FieldDefinition before,
            List<SelectOption> after, Map<String, String> renamed, String replacement, DefaultValue newDefault) {
        String table = object.tableName();
        Column column = FieldColumns.of(table, before).getFirst().column();
        if (column.getEnumTypeName().isEmpty()) {
            throw new IllegalArgumentException("field " + before.name() + " has no options");
        }
        List<String> values = after.stream().map(SelectOption::value).toList();
        renamed.forEach((from, to) -> {
            if (!values.contains(to)) {
                throw new IllegalArgumentException("option " + from + " is renamed to " + to + ", not among the values");
            }
        });
        if (replacement != null && !values.contains(replacement)) {
            throw new IllegalArgumentException("replacement " + replacement + " is not among the values");
        }
        List<String> defaults = switch (newDefault) {
            case DefaultValue.EnumValue value -> List.of(value.value());
            case DefaultValue.EnumValues several -> several.values();
            case null, default -> List.of();
        };
        for (String value : defaults) {
            if (!values.contains(value)) {
                throw new IllegalArgumentException("default " + value + " is not among the values");
            }
        }
        EnumColumn.Builder enumColumn = EnumColumn.newBuilder()
                .setTable(table)
                .setColumn(column.getName())
                .setArray(column.getArray());
        if (newDefault != null) {
            enumColumn.setDefaultValue(newDefault.toProto());
        }
        ChangeEnumValues.Builder change = ChangeEnumValues.newBuilder()
                .setTypeName(column.getEnumTypeName())
                .addAllValues(values)
                .putAllRenamed(renamed)
                .addColumns(enumColumn);
        if (replacement != null) {
            change.setReplacement(replacement);
        }
        return List.of(SchemaOperation.newBuilder().setChangeEnumValues(change).build());
    }

    /**
     * The physical name of an index created through the metadata API: {@code IDX_<id>}, fixed by the index's
     * metadata id so that renaming its table or columns never renames it.
     */
    public static String customIndexName(UUID indexId) {
        return "IDX_" + HexFormat.of().toHexDigits(indexId.getMostSignificantBits())
                + HexFormat.of().toHexDigits(indexId.getLeastSignificantBits());
    }

    /** An index created through the metadata API; a unique one covers live rows only, as unique fields do. */
    public static SchemaOperation createIndex(
            String table, String name, List<String> columns, boolean unique, IndexMethod method) {
        return SchemaOperation.newBuilder()
                .setCreateIndex(CreateIndex.newBuilder()
                        .setTable(table)
                        .setName(name)
                        .addAllColumns(columns)
                        .setUnique(unique)
                        .setMethod(method)
                        .setLiveRowsOnly(unique))
                .build();
    }

    public static SchemaOperation dropIndex(String name) {
        return SchemaOperation.newBuilder().setDropIndex(DropIndex.newBuilder().setName(name)).build();
    }

    /**
     * A check of the workspace schema against {@code expected} (a full plan, as {@link SchemaPlans#createWorkspace}
     * gives), reporting drift and, with {@code repair}, creating what is missing.
     */
    public static SchemaOperation reconcile(List<SchemaOperation> expected, boolean repair) {
        return SchemaOperation.newBuilder()
                .setReconcile(Reconcile.newBuilder().addAllExpected(expected).setRepair(repair))
                .build();
    }

    /**
     * Renames of the enum types, indexes and foreign keys of two plans of the same shape, paired by position.
     *
     * @param table the table the constraints are on once renamed
     */
    private static List<SchemaOperation> derivedRenames(
            String table, List<SchemaOperation> oldPlan, List<SchemaOperation> newPlan) {
        List<SchemaOperation> renames = new ArrayList<>();
        List<CreateEnumType> oldTypes = oldPlan.stream().filter(SchemaOperation::hasCreateEnumType)
                .map(SchemaOperation::getCreateEnumType).toList();
        List<CreateEnumType> newTypes = newPlan.stream().filter(SchemaOperation::hasCreateEnumType)
                .map(SchemaOperation::getCreateEnumType).toList();
        for (int i = 0; i < oldTypes.size(); i++) {
            String from = oldTypes.get(i).getTypeName();
            String to = newTypes.get(i).getTypeName();
            if (!from.equals(to)) {
                renames.add(SchemaOperation.newBuilder()
                        .setRenameEnumType(RenameEnumType.newBuilder().setFrom(from).setTo(to)).build());
            }
        }
        List<String> oldIndexes = List.copyOf(indexNames(oldPlan));
        List<String> newIndexes = List.copyOf(indexNames(newPlan));
        for (int i = 0; i < oldIndexes.size(); i++) {
            if (!oldIndexes.get(i).equals(newIndexes.get(i))) {
                renames.add(SchemaOperation.newBuilder()
                        .setRenameIndex(RenameIndex.newBuilder().setFrom(oldIndexes.get(i)).setTo(newIndexes.get(i)))
                        .build());
            }
        }
        List<AddForeignKey> oldKeys = oldPlan.stream().filter(SchemaOperation::hasAddForeignKey)
                .map(SchemaOperation::getAddForeignKey).toList();
        List<AddForeignKey> newKeys = newPlan.stream().filter(SchemaOperation::hasAddForeignKey)
                .map(SchemaOperation::getAddForeignKey).toList();
        for (int i = 0; i < oldKeys.size(); i++) {
            String from = ForeignKeyNames.of(oldKeys.get(i).getTable(), oldKeys.get(i).getColumn());
            String to = ForeignKeyNames.of(newKeys.get(i).getTable(), newKeys.get(i).getColumn());
            if (!from.equals(to)) {
                renames.add(SchemaOperation.newBuilder()
                        .setRenameConstraint(RenameConstraint.newBuilder().setTable(table).setFrom(from).setTo(to))
                        .build());
            }
        }
        return renames;
    }

    private static Set<String> indexNames(List<SchemaOperation> plan) {
        Set<String> names = new LinkedHashSet<>();
        plan.stream().filter(SchemaOperation::hasCreateIndex).forEach(op -> names.add(op.getCreateIndex().getName()));
        return names;
    }

    private static SchemaOperation dropEnumType(CreateEnumType type) {
        return SchemaOperation.newBuilder()
                .setDropEnumType(DropEnumType.newBuilder().setTypeName(type.getTypeName()))
                .build();
    }
}
