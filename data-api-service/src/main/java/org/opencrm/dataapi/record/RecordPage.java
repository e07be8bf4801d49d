package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a list and where it stands in the whole.
 *
 * @param startCursor the cursor of the first record, null on an empty page
 * @param endCursor   the cursor of the last record, null on an empty page
 * @param totalCount  the live records matching the filter, all pages together
 */
record RecordPage(List<ObjectNode> records, boolean hasNextPage, boolean hasPreviousPage, String startCursor,
        String endCursor, long totalCount) {

    /** The {@code totalCount} of a page read without counting ({@link ListRequest#counted()}). */
    static final long NOT_COUNTED = -1;

    /** A row read for a page with its sort key values as text, from which its cursor is made. */
    record Row(ObjectNode record, List<String> sortValues) {
    }

    /**
     * @param rows       up to {@code limit + 1} rows in the order read: backwards when {@code backwards} is set
     * @param fromCursor whether the page was read after or before a cursor (so records lie on the other side)
     * @param cursorOf   the cursor of a row
     */
    static RecordPage of(List<Row> rows, int limit, boolean fromCursor, boolean backwards, long totalCount,
            Function<Row, String> cursorOf) {
        boolean more = rows.size() > limit;
        List<Row> page = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        if (backwards) {
            page = page.reversed();
        }
        boolean hasNext = backwards ? fromCursor : more;
        boolean hasPrevious = backwards ? more : fromCursor;
        String start = page.isEmpty() ? null : cursorOf.apply(page.getFirst());
        String end = page.isEmpty() ? null : cursorOf.apply(page.getLast());
        return new RecordPage(page.stream().map(Row::record).toList(), hasNext, hasPrevious, start, end, totalCount);
    }
}
