package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records an operation on many (update, delete, destroy, restore) applies to, given as Twenty's {@code filter}
 * parameter: either ids ({@code id[in]:[id1,id2]}, {@code id[eq]:id1}), used as they are, or any filter of the list
 * grammar, which {@link RecordOperations} resolves to the ids of at most {@link #MAX_IDS} matching records (more is
 * a 400: such a filter is narrowed, or its records changed in several calls).
 *
 * @param ids    the selected ids; empty when {@code filter} selects
 * @param filter a filter of the list grammar, or null when {@code ids} select
 */
public record RecordSelection(List<UUID> ids, String filter) {

    /** The most records one operation on many reaches. */
    public static final int MAX_IDS = 200;

    private static final Pattern ID_IN = Pattern.compile("\\s*id\\s*\\[in]\\s*:\\s*\\[(.*)]\\s*");
    private static final Pattern ID_EQ = Pattern.compile("\\s*id\\s*\\[eq]\\s*:\\s*\"?([^\"]*)\"?\\s*");

    public RecordSelection {
        ids = List.copyOf(ids);
    }

    public RecordSelection(List<UUID> ids) {
        this(ids, null);
    }

    /** @throws InvalidRecordRequestException naming {@code filter} when it is missing */
    public static RecordSelection ofFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            throw InvalidRecordRequestException.of("filter", "required",
                    "'filter' is required for operations on many records, so none reaches every record by mistake");
        }
        List<String> values = new ArrayList<>();
        Matcher in = ID_IN.matcher(filter);
        Matcher eq = ID_EQ.matcher(filter);
        if (in.matches() && !in.group(1).contains("]")) {
            for (String value : in.group(1).split(",")) {
                values.add(value.strip().replace("\"", ""));
            }
        } else if (eq.matches() && !eq.group(1).contains(",")) {
            values.add(eq.group(1).strip());
        } else {
            return new RecordSelection(List.of(), filter);
        }
        return of(values, "filter");
    }

    /** @param field the parameter or property the ids came in, named in errors */
    static RecordSelection of(List<String> values, String field) {
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        for (String value : values) {
            try {
                ids.add(UUID.fromString(value));
            } catch (IllegalArgumentException e) {
                throw InvalidRecordRequestException.of(field, "type", "'" + field + "' holds '" + value
                        + "', which is not a UUID");
            }
        }
        if (ids.isEmpty()) {
            throw InvalidRecordRequestException.of(field, "empty", "'" + field + "' must name at least one id");
        }
        if (ids.size() > MAX_IDS) {
            throw InvalidRecordRequestException.of(field, "max-records",
                    "'" + field + "' names more than " + MAX_IDS + " ids");
        }
        return new RecordSelection(List.copyOf(ids));
    }
}
