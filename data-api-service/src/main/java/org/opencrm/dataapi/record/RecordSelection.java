package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records an operation on many (delete, destroy, restore) applies to, given as Twenty's {@code filter}
 * parameter. Until the filter grammar of the read path is wired in here, only a selection by ids is understood:
 * {@code id[in]:[id1,id2]} or {@code id[eq]:id1}; any other filter answers 400. This is the seam where the parsed
 * filter will replace {@link #ids()}.
 */
public record RecordSelection(List<UUID> ids) {

    /** The most records one operation on many reaches. */
    public static final int MAX_IDS = 200;

    private static final Pattern ID_IN = Pattern.compile("\\s*id\\s*\\[in]\\s*:\\s*\\[(.*)]\\s*");
    private static final Pattern ID_EQ = Pattern.compile("\\s*id\\s*\\[eq]\\s*:\\s*\"?([^\"]*)\"?\\s*");

    public RecordSelection {
        ids = List.copyOf(ids);
    }

    /** @throws InvalidRecordRequestException naming {@code filter} when it is missing or not a selection by ids */
    public static RecordSelection ofFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            throw InvalidRecordRequestException.of("filter", "required",
                    "'filter' is required for operations on many records, so none reaches every record by mistake");
        }
        List<String> values = new ArrayList<>();
        Matcher in = ID_IN.matcher(filter);
        Matcher eq = ID_EQ.matcher(filter);
        if (in.matches()) {
            for (String value : in.group(1).split(",")) {
                values.add(value.strip().replace("\"", ""));
            }
        } else if (eq.matches()) {
            values.add(eq.group(1).strip());
        } else {
            throw InvalidRecordRequestException.of("filter", "unsupported",
                    "operations on many records take 'filter=id[in]:[id1,id2,...]' for now");
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
