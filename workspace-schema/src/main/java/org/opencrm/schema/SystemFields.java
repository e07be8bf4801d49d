package org.opencrm.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fields every object has, whose names no other field may take: Twenty's base fields (id, createdAt, updatedAt,
 * deletedAt) and those it gives its record objects (position, createdBy, updatedBy, searchVector). The linking
 * objects (taskTarget, favorite...) have them too, where Twenty leaves some out, because the records API pages
 * on {@code position} and reads every system column of every object.
 */
public final class SystemFields {

    public static final String ID = "id";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String DELETED_AT = "deletedAt";
    public static final String POSITION = "position";
    public static final String CREATED_BY = "createdBy";
    public static final String UPDATED_BY = "updatedBy";
    public static final String SEARCH_VECTOR = "searchVector";

    private static final String PRIMARY_PHONE_NUMBER = "primaryPhoneNumber";
    private static final String PRIMARY_PHONE_CALLING_CODE = "primaryPhoneCallingCode";

    /** The system field names, in column order. */
    public static final List<String> NAMES =
            List.of(ID, CREATED_AT, UPDATED_AT, DELETED_AT, POSITION, CREATED_BY, UPDATED_BY, SEARCH_VECTOR);

    private SystemFields() {}

    public static boolean isSystemField(String fieldName) {
        return NAMES.contains(fieldName);
    }

    /** The system fields of an object, its search vector covering the object's search fields. */
    public static List<FieldDefinition> of(ObjectDefinition object) {
        return List.of(
                new FieldDefinition(ID, "Id", null, new FieldType.Uuid(), false, false, new DefaultValue.RandomUuid()),
                new FieldDefinition(CREATED_AT, "Creation date", null, new FieldType.DateTime(), false, false,
                        new DefaultValue.Now()),
                new FieldDefinition(UPDATED_AT, "Last update", null, new FieldType.DateTime(), false, false,
                        new DefaultValue.Now()),
                FieldDefinition.of(DELETED_AT, "Deleted at", new FieldType.DateTime()),
                FieldDefinition.of(POSITION, "Position", new FieldType.Position())
                        .withDefault(new DefaultValue.Number(0)),
                FieldDefinition.of(CREATED_BY, "Created by", new FieldType.Actor()).notNull(),
                FieldDefinition.of(UPDATED_BY, "Updated by", new FieldType.Actor()).notNull(),
                FieldDefinition.of(SEARCH_VECTOR, "Search vector",
                        new FieldType.TsVector(searchSources(object))));
    }

    /** Whether a field of this type holds text the search vector can cover. */
    public static boolean isSearchable(FieldType type) {
        return !searchSources("field", type).isEmpty();
    }

    /**
     * What the search vector of an object is generated from, as Twenty's {@code getTsVectorColumnExpressionFromFields}
     * does: text fields themselves, the searchable parts of composites (a name's first and last name, a link's
     * label and URL...), an email's primary address with its domain, a phone's number with its calling code.
     */
    public static List<SearchSource> searchSources(ObjectDefinition object) {
        List<SearchSource> sources = new ArrayList<>();
        for (String searchField : object.searchFields()) {
            FieldDefinition field = object.field(searchField).orElseThrow();
            sources.addAll(searchSources(field.name(), field.type()));
        }
        return List.copyOf(sources);
    }

    /**
     * The inverse of {@link #searchSources(ObjectDefinition)}: the fields of {@code fields} a stored search vector
     * covers, in the order of its sources, so that an object rebuilt from metadata plans the same vector.
     */
    public static List<String> searchFields(List<FieldDefinition> fields, FieldType.TsVector vector) {
        List<String> columns = vector.sourceColumns();
        return fields.stream()
                .filter(field -> {
                    List<SearchSource> sources = searchSources(field.name(), field.type());
                    return !sources.isEmpty() && vector.sources().containsAll(sources);
                })
                .sorted(Comparator.comparingInt(field ->
                        columns.indexOf(searchSources(field.name(), field.type()).getFirst().column())))
                .map(FieldDefinition::name)
                .toList();
    }

    /** The names of the columns of {@link #searchSources(ObjectDefinition)}. */
    public static List<String> searchSourceColumns(ObjectDefinition object) {
        return searchSources(object).stream().map(SearchSource::column).toList();
    }

    private static List<SearchSource> searchSources(String fieldName, FieldType type) {
        if (type instanceof FieldType.Text || type instanceof FieldType.RichText) {
            return List.of(SearchSource.text(fieldName));
        }
        List<SearchSource> sources = new ArrayList<>();
        for (CompositeSubField sub : CompositeSubFields.of(type)) {
            if (!sub.searchable()) {
                continue;
            }
            String column = sub.columnName(fieldName);
            sources.add(switch (type) {
                case FieldType.Emails t -> new SearchSource(column, SearchSource.Kind.EMAIL, null);
                case FieldType.Phones t when sub.name().equals(PRIMARY_PHONE_NUMBER) -> new SearchSource(column,
                        SearchSource.Kind.PHONE, CompositeSubFields.columnName(fieldName, PRIMARY_PHONE_CALLING_CODE));
                default -> SearchSource.text(column);
            });
        }
        return List.copyOf(sources);
    }
}
