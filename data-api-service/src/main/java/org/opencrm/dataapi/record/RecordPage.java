package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a list and where it stands in the whole.
 *
 * @param startCursor the cursor of the first record, null on an empty page
 * @param endCursor   the cursor of the last record, null on an empty page
 * @param totalCount  the live records of the object, all pages together
 */
record RecordPage(List<ObjectNode> records, boolean hasNextPage, boolean hasPreviousPage, String startCursor,
        String endCursor, long totalCount) {

    /**
     * @param rows up to {@code limit + 1} rows in the order read: backwards when {@code before} is set
     */
    static RecordPage of(List<ObjectNode> rows, int limit, RecordCursor after, RecordCursor before, long totalCount) {
        boolean more = rows.size() > limit;
        List<ObjectNode> records = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        if (before != null) {
            records = records.reversed();
        }
        boolean hasNext = before != null || more;
        boolean hasPrevious = before != null ? more : after != null;
        String start = records.isEmpty() ? null : RecordCursor.of(records.getFirst()).encode();
        String end = records.isEmpty() ? null : RecordCursor.of(records.getLast()).encode();
        return new RecordPage(List.copyOf(records), hasNext, hasPrevious, start, end, totalCount);
    }
}
