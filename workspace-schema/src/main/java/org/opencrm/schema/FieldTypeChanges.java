package org.opencrm.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencrm.proto.metadata.v1.AlterColumnType;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.DropEnumType;
import org.opencrm.proto.metadata.v1.SchemaOperation;

/**
 * Which changes of a field's type keep its values, and the operations that convert its column: those whose
 * column conversion migration-worker renders ({@code AlterColumnType} in schema_changes.proto). Every other
 * change is refused with the reason, since it would lose data or needs more than one column.
 *
 * <ul>
 *   <li>TEXT → SELECT (rows holding a value outside the options fail the migration, nothing changes), TEXT → ARRAY;
 *   <li>SELECT → MULTI_SELECT (a value becomes a one-element array), SELECT / MULTI_SELECT / ARRAY → TEXT;
 *   <li>NUMBER ↔ NUMERIC, DATE ↔ DATE_TIME;
 *   <li>BOOLEAN, NUMBER, NUMERIC, DATE, DATE_TIME, UUID → TEXT;
 *   <li>TEXT ↔ RICH_TEXT: the same text column, metadata only.
 * </ul>
 */
public final class FieldTypeChanges {

    /** The operations of an allowed change (possibly none), or why it is refused. */
    public sealed interface Outcome {
        /** The change is safe; {@code operations} convert the column, in order (empty when it stays as it is). */
        record Allowed(List<SchemaOperation> operations) implements Outcome {
            public Allowed {
                operations = List.copyOf(operations);
            }
        }

        /** The change has no safe conversion; {@code reason} says why, in words fit for the API. */
        record Refused(String reason) implements Outcome {}
    }

    private FieldTypeChanges() {}

    /** Why changing a field from {@code from} to {@code to} is refused, empty when it is allowed. */
    public static Optional<String> refusal(FieldType from, FieldType to) {
        String fromName = from.typeName();
        String toName = to.typeName();
        if (fromName.equals(toName)) {
            return Optional.empty();
        }
        if (CompositeSubFields.isComposite(from) || CompositeSubFields.isComposite(to)) {
            return Optional.of("a " + (CompositeSubFields.isComposite(from) ? fromName : toName)
                    + " field is stored in several columns; changing " + fromName + " to " + toName
                    + " has no safe conversion");
        }
        if (isRelation(from) || isRelation(to)) {
            return Optional.of("relations cannot change type; delete the field and create a new one");
        }
        if (allowed(fromName, toName)) {
            return Optional.empty();
        }
        return Optional.of("changing " + fromName + " to " + toName + " has no safe conversion of the values");
    }

    /**
     * The operations that change {@code before} into {@code after} (same name, another type) on {@code object}.
     *
     * @param after the field as it must be; its default is set after the conversion
     */
    public static Outcome plan(ObjectDefinition object, FieldDefinition before, FieldDefinition after) {
        Optional<String> refused = refusal(before.type(), after.type());
        if (refused.isPresent()) {
            return new Outcome.Refused(refused.get());
        }
        String table = object.tableName();
        Column from = FieldColumns.of(table, before).getFirst().column();
        Column to = FieldColumns.of(table, after).getFirst().column();
        if (from.getType() == to.getType() && from.getArray() == to.getArray()) {
            return new Outcome.Allowed(List.of());
        }
        List<SchemaOperation> operations = new ArrayList<>();
        boolean enumBefore = !from.getEnumTypeName().isEmpty();
        boolean enumAfter = !to.getEnumTypeName().isEmpty();
        if (enumAfter && !enumBefore) {
            FieldColumns.enumTypes(table, after).forEach(type ->
                    operations.add(SchemaOperation.newBuilder().setCreateEnumType(type).build()));
        }
        operations.add(SchemaOperation.newBuilder()
                .setAlterColumnType(AlterColumnType.newBuilder()
                        .setTable(table)
                        .setColumn(from.getName())
                        .setFromType(from.getType())
                        .setFromArray(from.getArray())
                        .setTarget(to))
                .build());
        if (enumBefore && !enumAfter) {
            operations.add(SchemaOperation.newBuilder()
                    .setDropEnumType(DropEnumType.newBuilder().setTypeName(from.getEnumTypeName()))
                    .build());
        }
        return new Outcome.Allowed(operations);
    }

    private static boolean allowed(String from, String to) {
        return switch (from) {
            case "TEXT" -> List.of("SELECT", "ARRAY", "RICH_TEXT").contains(to);
            case "RICH_TEXT" -> to.equals("TEXT");
            case "SELECT" -> List.of("MULTI_SELECT", "TEXT").contains(to);
            case "MULTI_SELECT", "ARRAY" -> to.equals("TEXT");
            case "NUMBER" -> List.of("NUMERIC", "TEXT").contains(to);
            case "NUMERIC" -> List.of("NUMBER", "TEXT").contains(to);
            case "DATE" -> List.of("DATE_TIME", "TEXT").contains(to);
            case "DATE_TIME" -> List.of("DATE", "TEXT").contains(to);
            case "BOOLEAN", "UUID" -> to.equals("TEXT");
            default -> false;
        };
    }

    private static boolean isRelation(FieldType type) {
        return type instanceof FieldType.Relation || type instanceof FieldType.MorphRelation;
    }
}
