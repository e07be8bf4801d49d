package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opencrm.dataapi.model.ObjectModel;
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
        return new RecordInput(values, List.copyOf(body.propertyNames()));
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
