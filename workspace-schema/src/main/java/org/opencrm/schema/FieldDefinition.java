package org.opencrm.schema;

import java.util.Objects;

/**
 * A field of an object, as metadata describes it.
 *
 * @param name the camelCase API name, also the base of its column names
 * @param defaultValue the default of an atomic field's column, null for none; composite fields' sub-columns
 *     take Twenty's defaults (empty texts) instead
 */
public record FieldDefinition(
        String name,
        String label,
        String description,
        FieldType type,
        boolean nullable,
        boolean unique,
        DefaultValue defaultValue) {

    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
    }

    /** A nullable, non-unique field without default or description. */
    public static FieldDefinition of(String name, String label, FieldType type) {
        return new FieldDefinition(name, label, null, type, true, false, null);
    }

    public FieldDefinition withDescription(String newDescription) {
        return new FieldDefinition(name, label, newDescription, type, nullable, unique, defaultValue);
    }

    public FieldDefinition withDefault(DefaultValue newDefault) {
        return new FieldDefinition(name, label, description, type, nullable, unique, newDefault);
    }

    public FieldDefinition notNull() {
        return new FieldDefinition(name, label, description, type, false, unique, defaultValue);
    }

    public FieldDefinition asUnique() {
        return new FieldDefinition(name, label, description, type, nullable, true, defaultValue);
    }
}
