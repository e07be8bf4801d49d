package org.opencrm.dataapi.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.RelationType;

/**
 * One top-level property of a record's JSON and the columns behind it: a field's name ({@code "name"}, whose
 * composite parts are nested), or for the many-to-one side of a relation its foreign key column
 * ({@code "companyId"}), as Twenty shows records at depth 0.
 */
record RecordKey(String key, FieldModel field, List<FieldColumn> columns) {

    boolean composite() {
        return CompositeSubFields.isComposite(field.type());
    }

    /**
     * Computed once per model instance (compared by identity, dropped with the model it was computed from): every
     * request that reads or writes records needs them.
     */
    private static final Cache<ObjectModel, Map<String, RecordKey>> OF_MODEL = Caffeine.newBuilder().weakKeys().build();

    /** The properties of an object's records, in column order; not to be modified. */
    static Map<String, RecordKey> of(ObjectModel object) {
        return OF_MODEL.get(object, RecordKey::compute);
    }

    private static Map<String, RecordKey> compute(ObjectModel object) {
        Map<String, RecordKey> keys = new LinkedHashMap<>();
        for (FieldModel field : object.fields()) {
            switch (field.type()) {
                case FieldType.TsVector t -> {
                    // Search vectors are an index, never a property of a record.
                }
                case FieldType.Relation relation when relation.relationType() == RelationType.ONE_TO_MANY -> {
                    // The inverse side has no column; its records are reached through the other object.
                }
                case FieldType.Relation relation -> keys.put(field.columns().getFirst().columnName(),
                        new RecordKey(field.columns().getFirst().columnName(), field, field.columns()));
                case FieldType.MorphRelation morph -> field.columns().forEach(column ->
                        keys.put(column.columnName(), new RecordKey(column.columnName(), field, List.of(column))));
                case FieldType.Uuid t -> plain(keys, field);
                case FieldType.Text t -> plain(keys, field);
                case FieldType.Number t -> plain(keys, field);
                case FieldType.Numeric t -> plain(keys, field);
                case FieldType.Boolean t -> plain(keys, field);
                case FieldType.Date t -> plain(keys, field);
                case FieldType.DateTime t -> plain(keys, field);
                case FieldType.Select t -> plain(keys, field);
                case FieldType.MultiSelect t -> plain(keys, field);
                case FieldType.Rating t -> plain(keys, field);
                case FieldType.RawJson t -> plain(keys, field);
                case FieldType.Array t -> plain(keys, field);
                case FieldType.Position t -> plain(keys, field);
                case FieldType.RichText t -> plain(keys, field);
                case FieldType.RichTextV2 t -> plain(keys, field);
                case FieldType.FullName t -> plain(keys, field);
                case FieldType.Emails t -> plain(keys, field);
                case FieldType.Phones t -> plain(keys, field);
                case FieldType.Links t -> plain(keys, field);
                case FieldType.Address t -> plain(keys, field);
                case FieldType.Currency t -> plain(keys, field);
                case FieldType.Actor t -> plain(keys, field);
            }
        }
        return Collections.unmodifiableMap(keys);
    }

    private static void plain(Map<String, RecordKey> keys, FieldModel field) {
        keys.put(field.name(), new RecordKey(field.name(), field, field.columns()));
    }

    /** The JSON path of a column, {@code "name.firstName"} for a composite part, to name it in an error. */
    static Optional<String> pathOfColumn(ObjectModel object, String columnName) {
        for (RecordKey key : of(object).values()) {
            for (FieldColumn column : key.columns()) {
                if (column.columnName().equals(columnName)) {
                    return Optional.of(key.composite() ? key.key() + "." + column.subField() : key.key());
                }
            }
        }
        return Optional.empty();
    }
}
