package org.opencrm.dataapi.record;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.UncategorizedSQLException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns records given in the REST API's JSON into lines of PostgreSQL's text COPY format for one object's table, with
 * the same checks as a create ({@link RecordInput}, {@link FieldValueRules}). Every column but the generated search
 * vector is written, defaults computed here from the columns' metadata, so the record as the REST API would show it
 * (for its event) is known without reading it back.
 */
public final class RecordCopyRows {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordTable table;
    private final Map<String, RecordKey> keys;
    private final List<Column> columns;
    private final ObjectNode actor;
    private final boolean hasPosition;

    private RecordCopyRows(RecordTable table, ObjectNode actor) {
        this.table = table;
        this.keys = RecordKey.of(table.object());
        this.columns = table.object().fields().stream()
                .flatMap(field -> field.columns().stream())
                .map(FieldColumn::column)
                .filter(column -> column.getType() != ColumnType.COLUMN_TYPE_TSVECTOR)
                .toList();
        this.actor = actor;
        this.hasPosition = table.object().field(SystemFields.POSITION).isPresent();
    }

    /**
     * @param workspaceId the caller's workspace, whose schema holds the table
     * @param apiKey      whether the caller's token is an API key (the actor's name, as for a create)
     */
    public static RecordCopyRows of(UUID workspaceId, ObjectModel object, boolean apiKey) {
        ObjectNode actor = NODES.objectNode();
        actor.put("source", "IMPORT");
        actor.putNull("workspaceMemberId");
        actor.put("name", apiKey ? "API key" : "User");
        actor.putObject("context");
        return new RecordCopyRows(new RecordTable(workspaceId, object), actor);
    }

    public ObjectModel object() {
        return table.object();
    }

    /** {@code COPY "workspace_x"."person" ("id", ...) FROM STDIN}: text format, tab-separated, {@code \N} for NULL. */
    public String copyStatement() {
        List<String> names = columns.stream().map(column -> SqlIdentifiers.quote(column.getName())).toList();
        return "COPY " + table.qualifiedName() + " (" + String.join(", ", names) + ") FROM STDIN";
    }

    /** {@code SELECT COALESCE(MAX("position"), 0) FROM ...}: where appended records start; null without positions. */
    public String maxPositionQuery() {
        return hasPosition ? "SELECT COALESCE(MAX(" + SqlIdentifiers.quote(SystemFields.POSITION) + "), 0) FROM "
                + table.qualifiedName() : null;
    }

    /**
     * The record's properties: for each, its composite parts ({@code firstName}, ...), or an empty list for a field of
     * one column; empty when the object has no such property.
     */
    public Optional<List<String>> parts(String property) {
        RecordKey key = keys.get(property);
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(key.composite() ? key.columns().stream().map(FieldColumn::subField).toList() : List.of());
    }

    /** The field behind a property, for the type of an imported text cell. */
    public Optional<FieldModel> field(String property) {
        return Optional.ofNullable(keys.get(property)).map(RecordKey::field);
    }

    /** The column behind a property or one of its parts (null for an atomic field). */
    public Optional<Column> column(String property, String part) {
        RecordKey key = keys.get(property);
        if (key == null) {
            return Optional.empty();
        }
        return key.columns().stream()
                .filter(column -> part == null ? !key.composite() : part.equals(column.subField()))
                .map(FieldColumn::column)
                .findFirst();
    }

    /** One record ready to copy: its COPY line (with the final newline) and its REST JSON. */
    public record CopyRow(UUID id, String line, ObjectNode record) {
    }

    /**
     * Checks a record as a create would and renders its line.
     *
     * @param position the position to give it when the record sets none
     * @param now      the value of {@code now()} defaults: the chunk's time
     * @throws InvalidRecordRequestException naming every property at fault
     */
    public CopyRow row(ObjectNode body, double position, Now now) {
        RecordInput input = RecordInput.read(table.object(), body, RecordInput.Mode.CREATE);
        Map<String, JsonNode> values = new HashMap<>();
        for (ColumnValue value : input.values()) {
            values.put(value.column().getName(), value.value());
        }
        for (String actorField : List.of(SystemFields.CREATED_BY, SystemFields.UPDATED_BY)) {
            RecordKey key = keys.get(actorField);
            if (key != null) {
                RecordInput.columnValues(key, actor).forEach(value -> values.put(value.column().getName(), value.value()));
            }
        }
        if (hasPosition && !values.containsKey(SystemFields.POSITION)) {
            values.put(SystemFields.POSITION, ColumnValues.doubleNode(position));
        }
        StringBuilder line = new StringBuilder(256);
        Map<String, JsonNode> stored = new HashMap<>();
        for (Column column : columns) {
            JsonNode value = values.containsKey(column.getName()) ? values.get(column.getName()) : defaultValue(column, now);
            // The chunk's time is already in the form a read shows; parsing it again for every row would cost more
            // than the rest of the row.
            JsonNode shown = value == now.shown() ? value : shown(value, column);
            stored.put(column.getName(), shown);
            if (!line.isEmpty()) {
                line.append('\t');
            }
            appendCopyText(line, shown, column);
        }
        line.append('\n');
        ObjectNode record = NODES.objectNode();
        for (RecordKey key : keys.values()) {
            if (key.composite()) {
                ObjectNode parts = record.putObject(key.key());
                key.columns().forEach(column -> parts.set(column.subField(), nullToNode(stored.get(column.columnName()))));
            } else {
                record.set(key.key(), nullToNode(stored.get(key.columns().getFirst().columnName())));
            }
        }
        return new CopyRow(UUID.fromString(record.path(SystemFields.ID).asString()), line.toString(), record);
    }

    /**
     * What a failed COPY means for the row at fault, as the records API would say it: the broken rules, or empty when
     * the failure is not about a row's values (the caller then fails the whole import).
     */
    public List<Violation> violations(SQLException failure) {
        RuntimeException translated = RecordSqlErrors.translate(table, new UncategorizedSQLException("COPY", null, failure));
        return switch (translated) {
            case InvalidRecordRequestException invalid -> invalid.violations();
            case RecordConflictException conflict -> List.of(new Violation(conflictField(failure), "unique", conflict.getMessage()));
            default -> List.of();
        };
    }

    private String conflictField(SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        for (RecordKey key : keys.values()) {
            for (FieldColumn column : key.columns()) {
                if (message.contains("\"" + column.columnName() + "\"") || message.contains("(" + column.columnName())) {
                    return key.composite() ? key.key() + "." + column.subField() : key.key();
                }
            }
        }
        return "body";
    }

    private static JsonNode nullToNode(JsonNode value) {
        return value == null ? NODES.nullNode() : value;
    }

    /** The time {@code now()} defaults take for a chunk of rows, as a read of the rows would show it. */
    public record Now(JsonNode shown) {

        public static Now of(OffsetDateTime time) {
            return new Now(NODES.stringNode(ColumnValues.formatTimestamp(time)));
        }
    }

    /** The column's default as PostgreSQL would fill it in. */
    private static JsonNode defaultValue(Column column, Now now) {
        if (!column.hasDefaultValue()) {
            return null;
        }
        ColumnDefault value = column.getDefaultValue();
        return switch (value.getValueCase()) {
            case TEXT -> NODES.stringNode(value.getText());
            case NUMBER -> ColumnValues.doubleNode(value.getNumber());
            case BOOLEAN -> NODES.booleanNode(value.getBoolean());
            case ENUM_VALUE -> NODES.stringNode(value.getEnumValue());
            case ENUM_VALUES -> {
                var array = NODES.arrayNode();
                value.getEnumValues().getValuesList().forEach(array::add);
                yield array;
            }
            case JSON -> JSON.readTree(value.getJson());
            case FUNCTION -> switch (value.getFunction()) {
                case DEFAULT_FUNCTION_NOW -> now.shown();
                case DEFAULT_FUNCTION_GEN_RANDOM_UUID -> NODES.stringNode(UUID.randomUUID().toString());
                case DEFAULT_FUNCTION_EMPTY_ARRAY -> NODES.arrayNode();
                case DEFAULT_FUNCTION_UNSPECIFIED, UNRECOGNIZED -> null;
            };
            case VALUE_NOT_SET -> null;
        };
    }

    /** The value as a read of the row would show it ({@link ColumnValues#read}): times in UTC, numbers by column type. */
    private static JsonNode shown(JsonNode value, Column column) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (column.getArray()) {
            ArrayNode elements = NODES.arrayNode();
            value.forEach(element -> elements.add(element.isNull() ? NODES.nullNode() : NODES.stringNode(element.asString())));
            return elements;
        }
        return switch (column.getType()) {
            case COLUMN_TYPE_DOUBLE -> ColumnValues.doubleNode(value.doubleValue());
            case COLUMN_TYPE_NUMERIC -> NODES.numberNode(new BigDecimal(value.asString()));
            case COLUMN_TYPE_TIMESTAMPTZ -> NODES.stringNode(ColumnValues.formatTimestamp(
                    FieldValueRules.parseTimestamp(value.asString())));
            case COLUMN_TYPE_UUID -> NODES.stringNode(UUID.fromString(value.asString()).toString());
            case COLUMN_TYPE_JSONB, COLUMN_TYPE_BOOLEAN -> value;
            case COLUMN_TYPE_DATE, COLUMN_TYPE_TEXT, COLUMN_TYPE_ENUM, COLUMN_TYPE_TSVECTOR, COLUMN_TYPE_UNSPECIFIED,
                    UNRECOGNIZED -> value.isString() ? value : NODES.stringNode(value.asString());
        };
    }

    /** The value in COPY's text format; {@code shown} already has the column's form. */
    private static void appendCopyText(StringBuilder line, JsonNode shown, Column column) {
        if (shown == null || shown.isNull()) {
            line.append("\\N");
            return;
        }
        if (column.getArray()) {
            StringBuilder array = new StringBuilder("{");
            for (JsonNode element : shown) {
                if (array.length() > 1) {
                    array.append(',');
                }
                if (element.isNull()) {
                    array.append("NULL");
                } else {
                    array.append('"');
                    String text = element.asString();
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        if (c == '"' || c == '\\') {
                            array.append('\\');
                        }
                        array.append(c);
                    }
                    array.append('"');
                }
            }
            escape(line, array.append('}').toString());
            return;
        }
        String text = switch (column.getType()) {
            case COLUMN_TYPE_DOUBLE -> Double.toString(shown.doubleValue());
            case COLUMN_TYPE_NUMERIC -> shown.decimalValue().toString();
            case COLUMN_TYPE_BOOLEAN -> shown.booleanValue() ? "t" : "f";
            case COLUMN_TYPE_JSONB -> shown.toString();
            case COLUMN_TYPE_TIMESTAMPTZ, COLUMN_TYPE_UUID, COLUMN_TYPE_DATE, COLUMN_TYPE_TEXT, COLUMN_TYPE_ENUM, COLUMN_TYPE_TSVECTOR,
                    COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED -> shown.asString();
        };
        escape(line, text);
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped with a backslash. */
    private static void escape(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    /** The record's properties in column order, for building rows and documents. */
    public List<String> properties() {
        return List.copyOf(keys.keySet());
    }
}
