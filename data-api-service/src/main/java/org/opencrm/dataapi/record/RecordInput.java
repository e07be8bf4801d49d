package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.schema.CompositeSubField;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.SystemFields;

import tools.jackson.databind.JsonNode;

/**
 * The columns a create or update writes, read from the request body after every value was checked against its
 * field.
 *
 * @param values the columns to write, in body order
 * @param fields the body's properties, the {@code updated_fields} of an update's event
 */
record RecordInput(List<ColumnValue> values, List<String> fields) {

    enum Mode {
        CREATE, UPDATE
    }

    /** Maintained by the server on every write; a client never sets them. */
    private static final Set<String> SERVER_FIELDS = Set.of(SystemFields.CREATED_AT, SystemFields.UPDATED_AT,
            SystemFields.DELETED_AT, SystemFields.CREATED_BY, SystemFields.UPDATED_BY);

    RecordInput {
        values = List.copyOf(values);
        fields = List.copyOf(fields);
    }

    /**
     * @throws InvalidRecordRequestException naming every property at fault
     */
    static RecordInput read(ObjectModel object, JsonNode body, Mode mode) {
        if (body == null || !body.isObject()) {
            throw InvalidRecordRequestException.of("body", "type", "the body must be a JSON object of field values");
        }
        if (mode == Mode.UPDATE && body.isEmpty()) {
            throw InvalidRecordRequestException.of("body", "empty", "the body must set at least one field");
        }
        Map<String, RecordKey> keys = RecordKey.of(object);
        List<Violation> violations = new ArrayList<>();
        List<ColumnValue> values = new ArrayList<>();
        for (String property : body.propertyNames()) {
            RecordKey key = keys.get(property);
            JsonNode value = body.get(property);
            if (key == null) {
                violations.add(new Violation(property, Violation.UNKNOWN_FIELD,
                        "'" + object.nameSingular() + "' has no field '" + property + "'"));
            } else if (SERVER_FIELDS.contains(property) || (mode == Mode.UPDATE && property.equals(SystemFields.ID))) {
                violations.addAll(FieldValueRules.readOnly(property));
            } else if (value.isNull()) {
                nullValue(key, violations, values);
            } else {
                List<Violation> broken = FieldValueRules.check(key, value);
                violations.addAll(broken);
                if (broken.isEmpty()) {
                    values.addAll(columnValues(key, value));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRecordRequestException(violations);
        }
        return new RecordInput(emptyUniqueTextsAsNull(keys.values(), values, mode), List.copyOf(body.propertyNames()));
    }

    /**
     * A unique index counts every empty text as the same value, so a second person without an email would collide
     * with the first: empty texts of unique fields are stored as NULL, and a creation that leaves them out writes NULL
     * rather than the column's empty default.
     */
    private static List<ColumnValue> emptyUniqueTextsAsNull(Collection<RecordKey> keys, List<ColumnValue> values,
            Mode mode) {
        List<ColumnValue> adjusted = new ArrayList<>();
        Set<String> written = new HashSet<>();
        Set<String> uniqueTexts = new HashSet<>();
        keys.forEach(key -> uniqueTextColumns(key).forEach(column -> uniqueTexts.add(column.columnName())));
        for (ColumnValue value : values) {
            boolean empty = value.value() != null && value.value().isString() && value.value().asString().isEmpty();
            adjusted.add(empty && uniqueTexts.contains(value.column().getName())
                    ? new ColumnValue(value.column(), null)
                    : value);
            written.add(value.column().getName());
        }
        if (mode == Mode.CREATE) {
            for (RecordKey key : keys) {
                uniqueTextColumns(key).stream()
                        .filter(column -> !written.contains(column.columnName()))
                        .forEach(column -> adjusted.add(new ColumnValue(column.column(), null)));
            }
        }
        return adjusted;
    }

    /** The text columns a unique index of the field covers: an email's primaryEmail, not its additionalEmails. */
    private static List<FieldColumn> uniqueTextColumns(RecordKey key) {
        if (!key.field().unique()) {
            return List.of();
        }
        Set<String> indexedParts = new HashSet<>();
        CompositeSubFields.of(key.field().type()).stream()
                .filter(CompositeSubField::inUniqueIndex)
                .forEach(part -> indexedParts.add(part.name()));
        return key.columns().stream()
                .filter(column -> column.column().getType() == ColumnType.COLUMN_TYPE_TEXT && !column.column().getArray())
                .filter(column -> !key.composite() || indexedParts.contains(column.subField()))
                .toList();
    }

    private static void nullValue(RecordKey key, List<Violation> violations, List<ColumnValue> values) {
        if (!key.composite() && !key.field().nullable()) {
            violations.add(new Violation(key.key(), "not-null", "'" + key.key() + "' cannot be null"));
            return;
        }
        key.columns().forEach(column -> values.add(new ColumnValue(column.column(), null)));
    }

    /** A composite's parts that the body leaves out keep their value (or take their default on create). */
    static List<ColumnValue> columnValues(RecordKey key, JsonNode value) {
        if (!key.composite()) {
            return List.of(new ColumnValue(key.columns().getFirst().column(), value));
        }
        List<ColumnValue> parts = new ArrayList<>();
        for (FieldColumn column : key.columns()) {
            if (value.has(column.subField())) {
                parts.add(new ColumnValue(column.column(), value.get(column.subField())));
            }
        }
        return parts;
    }
}
