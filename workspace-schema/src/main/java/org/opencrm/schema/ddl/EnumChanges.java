package org.opencrm.schema.ddl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.EnumColumn;
import org.opencrm.proto.metadata.v1.ChangeEnumValues;
import org.opencrm.proto.metadata.v1.SchemaOperation;

/**
 * Renders ChangeEnumValues by the cheapest path the values allow, following the enum types through the migration.
 * <ul>
 *   <li>Nothing, when the type already has the requested values (the change was applied before).</li>
 *   <li>{@code RENAME VALUE} and {@code ADD VALUE} when every old value is kept or renamed and the new values come
 *       last: no row is touched. Not when the migration uses an added value as a default, which PostgreSQL forbids
 *       in the transaction that added it.</li>
 *   <li>Otherwise the old type is renamed aside, the new one created under the name, each column converted with a
 *       mapping of old to new value (renamed, kept, replaced or NULL; array elements removed or replaced), its
 *       default restored, and the old type dropped.</li>
 * </ul>
 */
final class EnumChanges {

    private static final String OLD_SUFFIX = "_old";

    private final DdlRenderer renderer;
    private final DdlRenderer.EnumCatalog catalog;
    /** The types this migration created, renamed, changed (their values) or dropped (empty) so far. */
    private final Map<String, Optional<List<String>>> changed = new HashMap<>();
    /** Every enum value the migration uses in a default. */
    private final Set<String> defaultsUsed = new HashSet<>();

    EnumChanges(DdlRenderer renderer, DdlRenderer.EnumCatalog catalog, List<SchemaOperation> operations) {
        this.renderer = renderer;
        this.catalog = catalog;
        for (SchemaOperation operation : operations) {
            switch (operation.getOperationCase()) {
                case CREATE_TABLE -> operation.getCreateTable().getColumnsList().forEach(column -> useDefault(column.getDefaultValue()));
                case ADD_COLUMN -> useDefault(operation.getAddColumn().getColumn().getDefaultValue());
                case SET_COLUMN_DEFAULT -> useDefault(operation.getSetColumnDefault().getDefaultValue());
                case ALTER_COLUMN_TYPE -> useDefault(operation.getAlterColumnType().getTarget().getDefaultValue());
                case CHANGE_ENUM_VALUES -> operation.getChangeEnumValues().getColumnsList().forEach(column -> useDefault(column.getDefaultValue()));
                default -> { }
            }
        }
    }

    private void useDefault(ColumnDefault value) {
        if (value.getValueCase() == ColumnDefault.ValueCase.ENUM_VALUE) {
            defaultsUsed.add(value.getEnumValue());
        }
        if (value.getValueCase() == ColumnDefault.ValueCase.ENUM_VALUES) {
            defaultsUsed.addAll(value.getEnumValues().getValuesList());
        }
    }

    void created(CreateEnumType operation) {
        changed.put(operation.getTypeName(), Optional.of(operation.getValuesList()));
    }

    void renamed(String from, String to) {
        Optional<List<String>> values = values(from);
        if (values.isPresent()) {
            changed.put(from, Optional.empty());
            changed.put(to, values);
        }
    }

    void dropped(String typeName) {
        changed.put(typeName, Optional.empty());
    }

    private Optional<List<String>> values(String typeName) {
        Optional<List<String>> values = changed.get(typeName);
        return values != null ? values : catalog.values(typeName);
    }

    List<String> change(ChangeEnumValues operation) {
        String typeName = operation.getTypeName();
        String type = renderer.qualified(typeName, "enum type name");
        List<String> target = operation.getValuesList();
        validate(operation, type);
        List<String> old = values(typeName).orElseThrow(() -> new InvalidSchemaOperationException(
                "enum type " + type + " does not exist"));
        changed.put(typeName, Optional.of(target));
        if (old.equals(target)) {
            return List.of();
        }
        return cheapPath(operation, type, old).orElseGet(() -> rewrite(operation, type, old));
    }

    private static void validate(ChangeEnumValues operation, String type) {
        List<String> target = operation.getValuesList();
        if (target.isEmpty()) {
            throw new InvalidSchemaOperationException("enum type " + type + " would have no values");
        }
        if (new HashSet<>(target).size() != target.size()) {
            throw new InvalidSchemaOperationException("enum type " + type + " would have a value twice");
        }
        for (String value : target) {
            if (value.isEmpty()) {
                throw new InvalidSchemaOperationException("enum type " + type + " would have an empty value");
            }
        }
        operation.getRenamedMap().forEach((from, to) -> {
            if (!target.contains(to)) {
                throw new InvalidSchemaOperationException("value " + from + " is renamed to " + to + ", which is not among the values");
            }
        });
        if (!operation.getReplacement().isEmpty() && !target.contains(operation.getReplacement())) {
            throw new InvalidSchemaOperationException("replacement " + operation.getReplacement() + " is not among the values");
        }
        for (EnumColumn column : operation.getColumnsList()) {
            ColumnDefault value = column.getDefaultValue();
            List<String> defaults = switch (value.getValueCase()) {
                case ENUM_VALUE -> List.of(value.getEnumValue());
                case ENUM_VALUES -> value.getEnumValues().getValuesList();
                default -> List.of();
            };
            for (String enumDefault : defaults) {
                if (!target.contains(enumDefault)) {
                    throw new InvalidSchemaOperationException("the default " + enumDefault + " of column " + column.getColumn()
                            + " is not among the values");
                }
            }
        }
    }

    /** RENAME VALUE and ADD VALUE, when they reach the target without touching a row. */
    private Optional<List<String>> cheapPath(ChangeEnumValues operation, String type, List<String> old) {
        Map<String, String> renamed = operation.getRenamedMap();
        List<String> target = operation.getValuesList();
        List<String> mapped = new ArrayList<>(old.size());
        for (String value : old) {
            mapped.add(renamed.getOrDefault(value, value));
        }
        for (Map.Entry<String, String> rename : renamed.entrySet()) {
            if (old.contains(rename.getKey()) && old.contains(rename.getValue()) && !rename.getKey().equals(rename.getValue())) {
                return Optional.empty(); // a swap or a merge moves rows
            }
        }
        if (mapped.size() > target.size() || !target.subList(0, mapped.size()).equals(mapped)) {
            return Optional.empty(); // a value removed, or the order changed
        }
        List<String> added = target.subList(mapped.size(), target.size());
        if (added.stream().anyMatch(defaultsUsed::contains)) {
            return Optional.empty();
        }
        List<String> statements = new ArrayList<>();
        for (String value : old) {
            String to = renamed.get(value);
            if (to != null && !to.equals(value)) {
                statements.add("ALTER TYPE " + type + " RENAME VALUE " + literal(value) + " TO " + literal(to));
            }
        }
        for (String value : added) {
            statements.add("ALTER TYPE " + type + " ADD VALUE " + literal(value));
        }
        for (EnumColumn column : operation.getColumnsList()) {
            statements.add(setDefault(operation.getTypeName(), column));
        }
        return Optional.of(statements);
    }

    /** A new type under the name, every column converted into it, the old type dropped. */
    private List<String> rewrite(ChangeEnumValues operation, String type, List<String> old) {
        String typeName = operation.getTypeName();
        String oldName = asideName(typeName);
        String oldType = renderer.qualified(oldName, "enum type name");
        Map<String, String> mapping = mapping(operation, old);
        List<String> statements = new ArrayList<>();
        statements.add("ALTER TYPE " + type + " RENAME TO " + Identifiers.quoted(oldName, "enum type name"));
        List<String> values = operation.getValuesList().stream().map(EnumChanges::literal).toList();
        statements.add("CREATE TYPE " + type + " AS ENUM (" + String.join(", ", values) + ")");
        for (EnumColumn column : operation.getColumnsList()) {
            String alter = renderer.alterColumn(column.getTable(), column.getColumn());
            String quoted = Identifiers.quoted(column.getColumn(), "column name");
            statements.add(alter + " DROP DEFAULT");
            String using = column.getArray() ? arrayMapping(quoted, mapping) + "::" + type + "[]" : scalarMapping(quoted, mapping) + "::" + type;
            statements.add(alter + " TYPE " + type + (column.getArray() ? "[]" : "") + " USING " + using);
            statements.add(setDefault(typeName, column));
        }
        statements.add("DROP TYPE " + oldType);
        return statements;
    }

    /** Each old value that does not stay as it is, with what it becomes: a new value, or null for NULL/removed. */
    private static Map<String, String> mapping(ChangeEnumValues operation, List<String> old) {
        Map<String, String> mapping = new HashMap<>();
        String replacement = operation.getReplacement().isEmpty() ? null : operation.getReplacement();
        for (String value : old) {
            String renamedTo = operation.getRenamedMap().get(value);
            if (renamedTo != null) {
                if (!renamedTo.equals(value)) {
                    mapping.put(value, renamedTo);
                }
            } else if (!operation.getValuesList().contains(value)) {
                mapping.put(value, replacement);
            }
        }
        return mapping;
    }

    private static String scalarMapping(String column, Map<String, String> mapping) {
        if (mapping.isEmpty()) {
            return column + "::text";
        }
        StringBuilder sql = new StringBuilder("CASE ").append(column).append("::text");
        mapping.forEach((from, to) -> sql.append(" WHEN ").append(literal(from)).append(" THEN ").append(to == null ? "NULL" : literal(to)));
        return sql.append(" ELSE ").append(column).append("::text END").toString();
    }

    /**
     * Element by element without a subquery (ALTER COLUMN ... TYPE allows none): each changed value first becomes a
     * placeholder no value can equal, then its new value, so that swapped values do not run into each other.
     */
    private static String arrayMapping(String column, Map<String, String> mapping) {
        String sql = column + "::text[]";
        List<Map.Entry<String, String>> entries = new ArrayList<>(mapping.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            sql = "array_replace(" + sql + ", " + literal(entries.get(i).getKey()) + ", " + placeholder(i) + ")";
        }
        for (int i = 0; i < entries.size(); i++) {
            String to = entries.get(i).getValue();
            sql = to == null
                    ? "array_remove(" + sql + ", " + placeholder(i) + ")"
                    : "array_replace(" + sql + ", " + placeholder(i) + ", " + literal(to) + ")";
        }
        return sql;
    }

    /** Enum values are at most 63 bytes; a value of 64 characters never equals one. */
    private static String placeholder(int index) {
        return literal("~".repeat(64) + index);
    }

    private String setDefault(String typeName, EnumColumn column) {
        String alter = renderer.alterColumn(column.getTable(), column.getColumn());
        Column definition = Column.newBuilder().setName(column.getColumn()).setType(ColumnType.COLUMN_TYPE_ENUM)
                .setEnumTypeName(typeName).setArray(column.getArray()).build();
        return renderer.columns.defaultExpression(definition, column.getDefaultValue())
                .map(expression -> alter + " SET DEFAULT " + expression)
                .orElse(alter + " DROP DEFAULT");
    }

    /** The type's name while it is set aside, within PostgreSQL's 63 bytes. */
    private static String asideName(String typeName) {
        int room = 63 - OLD_SUFFIX.length();
        String base = typeName;
        while (base.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > room) {
            base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
        }
        return base + OLD_SUFFIX;
    }

    private static String literal(String value) {
        return ColumnDefinitions.textLiteral(value, "enum value");
    }
}
