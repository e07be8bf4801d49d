package org.opencrm.dataapi.record;

/**
 * What a list request asks for, as the client wrote it; read against the object by {@link RecordStore#page}.
 *
 * @param filter  Twenty's filter grammar, or null
 * @param orderBy Twenty's {@code order_by}, or null for position then id
 * @param depth   0 to {@link RelatedRecords#MAX_DEPTH} levels of nested relations
 * @param counted whether the page carries the total of matches; a reader that walks every page (Export) needs
 *                none, and counting again on each of its pages would scan the whole match each time
 */
record ListRequest(String filter, String orderBy, PageQuery page, int depth, boolean counted) {

    ListRequest(String filter, String orderBy, PageQuery page, int depth) {
        this(filter, orderBy, page, depth, true);
    }

    /** @throws InvalidRecordRequestException when depth is not 0, 1 or 2 */
    static int depth(String depth) {
        if (depth == null || depth.isBlank()) {
            return 0;
        }
        return switch (depth.strip()) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            default -> throw InvalidRecordRequestException.of("depth", "range",
                    "'depth' must be 0, 1 or 2, was '" + depth + "'");
        };
    }
}
