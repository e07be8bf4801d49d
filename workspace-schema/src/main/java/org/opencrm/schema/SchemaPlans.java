package org.opencrm.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencrm.proto.metadata.v1.AddColumn;
import org.opencrm.proto.metadata.v1.AddForeignKey;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.CreateSchema;
import org.opencrm.proto.metadata.v1.CreateTable;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.proto.metadata.v1.SchemaOperation;

/**
 * The ordered schema operations that create a workspace, an object or a field: enum types before the
 * columns using them, every table before the foreign keys between them, indexes last.
 */
public final class SchemaPlans {

    private SchemaPlans() {}

    /** A new workspace with every standard object. */
    public static List<SchemaOperation> createWorkspace() {
        return createWorkspace(StandardObjects.all());
    }

    /** A new workspace with the given objects, which may refer to one another. */
    public static List<SchemaOperation> createWorkspace(List<ObjectDefinition> objects) {
        List<SchemaOperation> plan = new ArrayList<>();
        plan.add(SchemaOperation.newBuilder().setCreateSchema(CreateSchema.getDefaultInstance()).build());
        for (ObjectDefinition object : objects) {
            plan.addAll(enumTypesAndTable(object));
        }
        for (ObjectDefinition object : objects) {
            plan.addAll(foreignKeys(object, object.fields(), objects));
        }
        for (ObjectDefinition object : objects) {
            plan.addAll(indexes(object, object.allFields()));
        }
        return List.copyOf(plan);
    }

    /**
     * A new object in an existing workspace.
     *
     * @param workspaceObjects the workspace's objects, to find the tables its relations point at (the new
     *     object itself need not be among them)
     */
    public static List<SchemaOperation> createObject(
            ObjectDefinition object, Collection<ObjectDefinition> workspaceObjects) {
        List<ObjectDefinition> known = withObject(object, workspaceObjects);
        List<SchemaOperation> plan = new ArrayList<>(enumTypesAndTable(object));
        plan.addAll(foreignKeys(object, object.fields(), known));
        plan.addAll(indexes(object, object.allFields()));
        return List.copyOf(plan);
    }

    /**
     * A new custom object with the relations Twenty gives it ({@link StandardObjects#customObjectRelations}): its
     * table, then the MANY_TO_ONE columns, foreign keys and indexes on taskTarget, noteTarget, attachment, favorite
     * and timelineActivity.
     *
     * @param custom the new object without those relations
     * @param workspaceObjects the workspace's objects, among them the five standard objects that point at it
     */
    public static List<SchemaOperation> createCustomObject(
            ObjectDefinition custom, Collection<ObjectDefinition> workspaceObjects) {
        Map<String, List<FieldDefinition>> relations = StandardObjects.customObjectRelations(custom);
        ObjectDefinition withInverses = custom;
        for (FieldDefinition inverse : relations.getOrDefault(custom.nameSingular(), List.of())) {
            withInverses = withInverses.withField(inverse);
        }
        List<ObjectDefinition> known = withObject(withInverses, workspaceObjects);
        List<SchemaOperation> plan = new ArrayList<>(createObject(withInverses, known));
        relations.forEach((objectName, fields) -> {
            if (objectName.equals(custom.nameSingular())) {
                return;
            }
            ObjectDefinition linking = known.stream()
                    .filter(o -> o.nameSingular().equals(objectName))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "the workspace has no " + objectName + " to relate " + custom.nameSingular() + " to"));
            for (FieldDefinition field : fields) {
                plan.addAll(addField(linking, field, known));
            }
        });
        return List.copyOf(plan);
    }

    /**
     * A new field on an existing object. A ONE_TO_MANY relation needs nothing: its column comes with the
     * MANY_TO_ONE field on the other object, which is added with its own plan.
     *
     * @param object the object as it is, without the new field
     * @param workspaceObjects the workspace's objects, to find the tables its relations point at
     */
    public static List<SchemaOperation> addField(
            ObjectDefinition object, FieldDefinition field, Collection<ObjectDefinition> workspaceObjects) {
        String table = object.tableName();
        List<SchemaOperation> plan = new ArrayList<>();
        FieldColumns.enumTypes(table, field).forEach(type ->
                plan.add(SchemaOperation.newBuilder().setCreateEnumType(type).build()));
        FieldColumns.of(table, field).forEach(column -> plan.add(SchemaOperation.newBuilder()
                .setAddColumn(AddColumn.newBuilder().setTable(table).setColumn(column.column()))
                .build()));
        plan.addAll(foreignKeys(object, List.of(field), withObject(object, workspaceObjects)));
        plan.addAll(indexes(object, List.of(field)));
        return List.copyOf(plan);
    }

    private static List<SchemaOperation> enumTypesAndTable(ObjectDefinition object) {
        String table = object.tableName();
        List<SchemaOperation> operations = new ArrayList<>();
        CreateTable.Builder createTable = CreateTable.newBuilder().setTable(table);
        for (FieldDefinition field : object.allFields()) {
            FieldColumns.enumTypes(table, field).forEach(type ->
                    operations.add(SchemaOperation.newBuilder().setCreateEnumType(type).build()));
            FieldColumns.of(table, field).forEach(column -> createTable.addColumns(column.column()));
        }
        operations.add(SchemaOperation.newBuilder().setCreateTable(createTable).build());
        return operations;
    }

    private static List<SchemaOperation> foreignKeys(
            ObjectDefinition object, List<FieldDefinition> fields, Collection<ObjectDefinition> workspaceObjects) {
        String table = object.tableName();
        List<SchemaOperation> operations = new ArrayList<>();
        for (FieldDefinition field : fields) {
            List<FieldColumn> columns = FieldColumns.of(table, field);
            if (field.type() instanceof FieldType.Relation relation
                    && relation.relationType() == RelationType.MANY_TO_ONE) {
                operations.add(foreignKey(table, columns.getFirst().columnName(),
                        tableOf(relation.targetObject(), workspaceObjects), relation.onDelete()));
            } else if (field.type() instanceof FieldType.MorphRelation morph) {
                columns.forEach(column -> operations.add(foreignKey(table, column.columnName(),
                        tableOf(column.subField(), workspaceObjects), morph.onDelete())));
            }
        }
        return operations;
    }

    private static SchemaOperation foreignKey(String table, String column, String referencedTable, OnDelete onDelete) {
        return SchemaOperation.newBuilder()
                .setAddForeignKey(AddForeignKey.newBuilder()
                        .setTable(table)
                        .setColumn(column)
                        .setReferencedTable(referencedTable)
                        .setOnDelete(onDelete.toProto()))
                .build();
    }

    /**
     * GIN on a search vector that covers something, partial unique indexes for unique fields, btree on foreign key
     * columns and on the fields Twenty indexes ({@link StandardObjects#indexedFields}).
     */
    private static List<SchemaOperation> indexes(ObjectDefinition object, List<FieldDefinition> fields) {
        String table = object.tableName();
        Set<String> indexedFields = StandardObjects.indexedFields(object);
        List<SchemaOperation> operations = new ArrayList<>();
        for (FieldDefinition field : fields) {
            List<FieldColumn> columns = FieldColumns.of(table, field);
            if (field.type() instanceof FieldType.TsVector vector && !vector.sources().isEmpty()) {
                operations.add(index(table, List.of(columns.getFirst().columnName()), IndexMethod.INDEX_METHOD_GIN));
            }
            if (indexedFields.contains(field.name())) {
                operations.add(index(table, columns.stream().map(FieldColumn::columnName).toList(),
                        IndexMethod.INDEX_METHOD_BTREE));
            }
            if (field.type() instanceof FieldType.Relation || field.type() instanceof FieldType.MorphRelation) {
                columns.forEach(column -> operations.add(index(table, List.of(column.columnName()), IndexMethod.INDEX_METHOD_BTREE)));
            }
            if (field.unique()) {
                List<String> unique = uniqueColumns(field, columns);
                operations.add(uniqueIndex(table, unique, emptyTextColumns(columns, unique)));
            }
        }
        return operations;
    }

    private static List<String> uniqueColumns(FieldDefinition field, List<FieldColumn> columns) {
        if (!CompositeSubFields.isComposite(field.type())) {
            return columns.stream().map(FieldColumn::columnName).toList();
        }
        return CompositeSubFields.of(field.type()).stream()
                .filter(CompositeSubField::inUniqueIndex)
                .map(sub -> sub.columnName(field.name()))
                .toList();
    }

    /** The unique columns that are text defaulting to '': empty there means "no value", never a duplicate. */
    private static List<String> emptyTextColumns(List<FieldColumn> columns, List<String> unique) {
        return columns.stream()
                .filter(column -> unique.contains(column.columnName()))
                .filter(column -> column.column().getType() == ColumnType.COLUMN_TYPE_TEXT)
                .filter(column -> column.column().getDefaultValue().hasText()
                        && column.column().getDefaultValue().getText().isEmpty())
                .map(FieldColumn::columnName)
                .toList();
    }

    private static SchemaOperation uniqueIndex(String table, List<String> columns, List<String> skipWhenEmpty) {
        return SchemaOperation.newBuilder()
                .setCreateIndex(CreateIndex.newBuilder()
                        .setTable(table)
                        .setName(IndexNames.of("uq", table, columns))
                        .addAllColumns(columns)
                        .setUnique(true)
                        .setMethod(IndexMethod.INDEX_METHOD_BTREE)
                        .setLiveRowsOnly(true)
                        .addAllSkipWhenEmpty(skipWhenEmpty))
                .build();
    }

    private static SchemaOperation index(String table, List<String> columns, IndexMethod method) {
        return SchemaOperation.newBuilder()
                .setCreateIndex(CreateIndex.newBuilder()
                        .setTable(table)
                        .setName(IndexNames.of("idx", table, columns))
                        .addAllColumns(columns)
                        .setMethod(method))
                .build();
    }

    private static List<ObjectDefinition> withObject(
            ObjectDefinition object, Collection<ObjectDefinition> workspaceObjects) {
        List<ObjectDefinition> known = new ArrayList<>(workspaceObjects);
        if (known.stream().noneMatch(o -> o.nameSingular().equals(object.nameSingular()))) {
            known.add(object);
        }
        return known;
    }

    private static String tableOf(String nameSingular, Collection<ObjectDefinition> workspaceObjects) {
        return workspaceObjects.stream()
                .filter(o -> o.nameSingular().equals(nameSingular))
                .findFirst()
                .map(ObjectDefinition::tableName)
                .orElseThrow(() -> new IllegalArgumentException("relation to unknown object " + nameSingular));
    }
}
