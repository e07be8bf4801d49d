package org.opencrm.dataapi.record;

/**
 * The paging of a list request: {@code limit} (default 60, at most 200: above is a 400, not a silent cap) and one of
 * {@code starting_after} or {@code ending_before}, still opaque: cursors are read against the list's order.
 */
record PageQuery(int limit, String startingAfter, String endingBefore) {

    static final int DEFAULT_LIMIT = 60;
    static final int MAX_LIMIT = 200;

    /**
     * Reads the query parameters, each possibly null.
     *
     * @throws InvalidRecordRequestException naming the parameter at fault
     */
    static PageQuery of(String limit, String startingAfter, String endingBefore) {
        if (startingAfter != null && endingBefore != null) {
            throw InvalidRecordRequestException.of("ending_before", "exclusive",
                    "'starting_after' and 'ending_before' cannot be used together");
        }
        return new PageQuery(limit(limit), blankToNull(startingAfter), blankToNull(endingBefore));
    }

    private static String blankToNull(String cursor) {
        return cursor == null || cursor.isBlank() ? null : cursor;
    }

    static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw InvalidRecordRequestException.of("limit", "type", "'limit' must be an integer");
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw InvalidRecordRequestException.of("limit", "range",
                    "'limit' must be between 1 and " + MAX_LIMIT + ", was " + value);
        }
        return value;
    }
}
