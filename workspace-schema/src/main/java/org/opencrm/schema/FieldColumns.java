package org.opencrm.schema;

import java.util.List;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.CreateEnumType;

/** The physical columns of a field, as real Twenty lays them out. */
public final class FieldColumns {

    private static final String ID_FIELD = "id";

    private FieldColumns() {}

    /**
     * The columns of {@code field} in table {@code tableName} (the table names its enum types), in creation
     * order. A ONE_TO_MANY relation has none: its column is the inverse field's, on the other table.
     */
    public static List<FieldColumn> of(String tableName, FieldDefinition field) {
        String name = field.name();
        return switch (field.type()) {
            case FieldType.Uuid t -> List.of(uuid(field));
            case FieldType.Text t -> atomic(field, ColumnType.COLUMN_TYPE_TEXT);
            case FieldType.RichText t -> atomic(field, ColumnType.COLUMN_TYPE_TEXT);
            case FieldType.Number t -> atomic(field, ColumnType.COLUMN_TYPE_DOUBLE);
            case FieldType.Position t -> atomic(field, ColumnType.COLUMN_TYPE_DOUBLE);
            case FieldType.Numeric t -> atomic(field, ColumnType.COLUMN_TYPE_NUMERIC);
            case FieldType.Boolean t -> atomic(field, ColumnType.COLUMN_TYPE_BOOLEAN);
            case FieldType.Date t -> atomic(field, ColumnType.COLUMN_TYPE_DATE);
            case FieldType.DateTime t -> atomic(field, ColumnType.COLUMN_TYPE_TIMESTAMPTZ);
            case FieldType.RawJson t -> atomic(field, ColumnType.COLUMN_TYPE_JSONB);
            case FieldType.Array t -> List.of(new FieldColumn(null,
                    column(field, ColumnType.COLUMN_TYPE_TEXT).setArray(true).build()));
            case FieldType.Select t -> List.of(enumColumn(tableName, field, false));
            case FieldType.Rating t -> List.of(enumColumn(tableName, field, false));
            case FieldType.MultiSelect t -> List.of(enumColumn(tableName, field, true));
            case FieldType.TsVector t -> List.of(new FieldColumn(null, column(field, ColumnType.COLUMN_TYPE_TSVECTOR)
                    .addAllSearchSourceColumns(t.sourceColumns())
                    .addAllSearchSources(t.sources().stream().map(SearchSource::toProto).toList())
                    .build()));
            case FieldType.Relation t -> switch (t.relationType()) {
                case MANY_TO_ONE -> List.of(new FieldColumn(null, foreignKey(name + "Id", field)));
                case ONE_TO_MANY -> List.of();
            };
            case FieldType.MorphRelation t -> t.targetObjects().stream()
                    .map(target -> new FieldColumn(target,
                            foreignKey(CompositeSubFields.columnName(name, target) + "Id", field)))
                    .toList();
            case FieldType.FullName t -> composite(tableName, field);
            case FieldType.Emails t -> composite(tableName, field);
            case FieldType.Phones t -> composite(tableName, field);
            case FieldType.Links t -> composite(tableName, field);
            case FieldType.Address t -> composite(tableName, field);
            case FieldType.Currency t -> composite(tableName, field);
            case FieldType.Actor t -> composite(tableName, field);
            case FieldType.RichTextV2 t -> composite(tableName, field);
        };
    }

    /** The names of the field's columns. */
    public static List<String> columnNames(String tableName, FieldDefinition field) {
        return of(tableName, field).stream().map(FieldColumn::columnName).toList();
    }

    /** The enum types the field's columns need, to create before them. */
    public static List<CreateEnumType> enumTypes(String tableName, FieldDefinition field) {
        List<String> values = switch (field.type()) {
            case FieldType.Select t -> t.options().stream().map(SelectOption::value).toList();
            case FieldType.MultiSelect t -> t.options().stream().map(SelectOption::value).toList();
            case FieldType.Rating t -> t.options().stream().map(SelectOption::value).toList();
            case FieldType.Actor t -> List.of();
            case FieldType.Uuid t -> List.of();
            case FieldType.Text t -> List.of();
            case FieldType.Number t -> List.of();
            case FieldType.Numeric t -> List.of();
            case FieldType.Boolean t -> List.of();
            case FieldType.Date t -> List.of();
            case FieldType.DateTime t -> List.of();
            case FieldType.RawJson t -> List.of();
            case FieldType.Array t -> List.of();
            case FieldType.Position t -> List.of();
            case FieldType.RichText t -> List.of();
            case FieldType.RichTextV2 t -> List.of();
            case FieldType.FullName t -> List.of();
            case FieldType.Emails t -> List.of();
            case FieldType.Phones t -> List.of();
            case FieldType.Links t -> List.of();
            case FieldType.Address t -> List.of();
            case FieldType.Currency t -> List.of();
            case FieldType.TsVector t -> List.of();
            case FieldType.Relation t -> List.of();
            case FieldType.MorphRelation t -> List.of();
        };
        if (!values.isEmpty()) {
            return List.of(CreateEnumType.newBuilder()
                    .setTypeName(enumTypeName(tableName, field.name()))
                    .addAllValues(values)
                    .build());
        }
        return CompositeSubFields.of(field.type()).stream()
                .filter(sub -> sub.columnType() == ColumnType.COLUMN_TYPE_ENUM)
                .map(sub -> CreateEnumType.newBuilder()
                        .setTypeName(enumTypeName(tableName, sub.columnName(field.name())))
                        .addAllValues(sub.enumValues())
                        .build())
                .toList();
    }

    /** Twenty's name of a column's enum type: {@code <table>_<column>_enum}. */
    public static String enumTypeName(String tableName, String columnName) {
        return tableName + "_" + columnName + "_enum";
    }

    private static List<FieldColumn> atomic(FieldDefinition field, ColumnType type) {
        return List.of(new FieldColumn(null, column(field, type).build()));
    }

    /** The system {@code id} field is the primary key; any other uuid field is a plain column. */
    private static FieldColumn uuid(FieldDefinition field) {
        Column.Builder column = column(field, ColumnType.COLUMN_TYPE_UUID);
        if (field.name().equals(ID_FIELD)) {
            column.setPrimaryKey(true).setNullable(false);
        }
        return new FieldColumn(null, column.build());
    }

    private static FieldColumn enumColumn(String tableName, FieldDefinition field, boolean array) {
        return new FieldColumn(null, column(field, ColumnType.COLUMN_TYPE_ENUM)
                .setEnumTypeName(enumTypeName(tableName, field.name()))
                .setArray(array)
                .build());
    }

    private static Column foreignKey(String columnName, FieldDefinition field) {
        return Column.newBuilder()
                .setName(columnName)
                .setType(ColumnType.COLUMN_TYPE_UUID)
                .setNullable(field.nullable())
                .build();
    }

    private static Column.Builder column(FieldDefinition field, ColumnType type) {
        Column.Builder column = Column.newBuilder()
                .setName(field.name())
                .setType(type)
                .setNullable(field.nullable());
        if (field.defaultValue() != null) {
            column.setDefaultValue(field.defaultValue().toProto());
        }
        return column;
    }

    /**
     * A composite's parts are each optional (a person may have only a last name), so their columns are nullable.
     * Each takes its part of the field's default, or its standard default when the field has none of its own.
     */
    private static List<FieldColumn> composite(String tableName, FieldDefinition field) {
        return CompositeSubFields.of(field.type()).stream()
                .map(sub -> {
                    String columnName = sub.columnName(field.name());
                    Column.Builder column = Column.newBuilder()
                            .setName(columnName)
                            .setType(sub.columnType())
                            .setNullable(true);
                    if (sub.columnType() == ColumnType.COLUMN_TYPE_ENUM) {
                        column.setEnumTypeName(enumTypeName(tableName, columnName));
                    }
                    DefaultValue partDefault = field.defaultValue() instanceof DefaultValue.Composite composite
                            ? composite.parts().get(sub.name())
                            : sub.defaultValue();
                    if (partDefault != null) {
                        column.setDefaultValue(partDefault.toProto());
                    }
                    return new FieldColumn(sub.name(), column.build());
                })
                .toList();
    }
}
