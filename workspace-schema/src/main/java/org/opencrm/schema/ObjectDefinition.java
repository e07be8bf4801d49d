package org.opencrm.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An object (a table of records) as metadata describes it.
 *
 * @param fields the object's own fields, without the system fields every object has ({@link SystemFields})
 * @param searchFields names of the fields (of {@code fields}) the search vector covers
 */
public record ObjectDefinition(
        String nameSingular,
        String namePlural,
        String labelSingular,
        String labelPlural,
        String description,
        boolean custom,
        List<FieldDefinition> fields,
        List<String> searchFields) {

    private static final String NAME_FIELD = "name";

    public ObjectDefinition {
        Objects.requireNonNull(nameSingular, "nameSingular");
        Objects.requireNonNull(namePlural, "namePlural");
        fields = List.copyOf(fields);
        searchFields = List.copyOf(searchFields);
        for (String searchField : searchFields) {
            FieldDefinition field = fields.stream().filter(f -> f.name().equals(searchField)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "search field " + searchField + " is not a field of " + nameSingular));
            if (!SystemFields.isSearchable(field.type())) {
                throw new IllegalArgumentException("search field " + nameSingular + "." + searchField + " of type "
                        + field.type().typeName() + " holds no searchable text");
            }
        }
    }

    /** An object searched by its {@code name} field if it has a searchable one, as Twenty does by default. */
    public ObjectDefinition(
            String nameSingular,
            String namePlural,
            String labelSingular,
            String labelPlural,
            String description,
            boolean custom,
            List<FieldDefinition> fields) {
        this(nameSingular, namePlural, labelSingular, labelPlural, description, custom, fields,
                fields.stream().anyMatch(f -> f.name().equals(NAME_FIELD) && SystemFields.isSearchable(f.type()))
                        ? List.of(NAME_FIELD)
                        : List.of());
    }

    /**
     * A new custom object: Twenty gives every custom object a {@code name} TEXT field (default empty) and
     * searches it.
     */
    public static ObjectDefinition newCustomObject(
            String nameSingular, String namePlural, String labelSingular, String labelPlural, String description) {
        FieldDefinition name = FieldDefinition.of(NAME_FIELD, "Name", new FieldType.Text())
                .withDefault(new DefaultValue.Text(""));
        return new ObjectDefinition(nameSingular, namePlural, labelSingular, labelPlural, description, true,
                List.of(name), List.of(NAME_FIELD));
    }

    /** The physical table, {@code _<nameSingular>} for custom objects. */
    public String tableName() {
        return ObjectTables.tableName(nameSingular, custom);
    }

    public Optional<FieldDefinition> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The system fields followed by the object's own fields. */
    public List<FieldDefinition> allFields() {
        List<FieldDefinition> all = new ArrayList<>(SystemFields.of(this));
        all.addAll(fields);
        return List.copyOf(all);
    }

    public ObjectDefinition withField(FieldDefinition field) {
        List<FieldDefinition> more = new ArrayList<>(fields);
        more.add(field);
        return new ObjectDefinition(nameSingular, namePlural, labelSingular, labelPlural, description, custom,
                more, searchFields);
    }
}
