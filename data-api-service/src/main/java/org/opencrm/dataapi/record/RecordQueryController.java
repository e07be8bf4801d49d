package org.opencrm.dataapi.record;

import java.util.List;
import java.util.function.Supplier;

import org.opencrm.dataapi.query.InvalidQueryException;
import org.opencrm.security.CrmPrincipal;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads beyond lists: {@code GET /rest/{plural}/groupBy} (Twenty's group-by with aggregates) and
 * {@code GET /rest/search} (ranked full-text search across objects).
 */
@RestController
@RequestMapping("/rest")
class RecordQueryController {

    private final RecordOperations records;
    private final RecordGroups groups;
    private final RecordSearches searches;

    RecordQueryController(RecordOperations records, RecordGroups groups, RecordSearches searches) {
        this.records = records;
        this.groups = groups;
        this.searches = searches;
    }

    /** {@code {"data": {"<plural>GroupBy": [{"groupByDimensionValues": [...], "totalCount": n, ...}]}}}. */
    @GetMapping("/{plural}/groupBy")
    ObjectNode groupBy(@PathVariable String plural,
            @RequestParam(name = "group_by", required = false) String groupBy,
            @RequestParam(required = false) String aggregate,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) String limit,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        RecordCaller caller = caller(authorization);
        int groupLimit = PageQuery.limit(limit);
        RecordTable table = records.table(caller, plural);
        ArrayNode found = read(table, () -> groups.groups(table, groupBy, aggregate, filter, groupLimit));
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.putObject("data").set(table.object().namePlural() + "GroupBy", found);
        return envelope;
    }

    /**
     * {@code {"data": {"search": [{"recordId", "objectNameSingular", "label", "tsRank", "tsRankCD"}]}}}, best first.
     *
     * @param objects the plural names of the objects to search, comma-separated; every object when absent
     */
    @GetMapping("/search")
    ObjectNode search(@RequestParam(required = false) String query,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String objects,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        RecordCaller caller = caller(authorization);
        List<String> plurals = objects == null || objects.isBlank() ? List.of()
                : java.util.Arrays.asList(objects.split(","));
        ArrayNode found = searches.search(caller, query, plurals, searchLimit(limit));
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.putObject("data").set("search", found);
        return envelope;
    }

    /** The {@code limit} as a number, its range checked by {@link RecordSearches}; null when absent. */
    private static Integer searchLimit(String limit) {
        if (limit == null) {
            return null;
        }
        try {
            return Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw InvalidRecordRequestException.of("limit", "range",
                    "'limit' must be an integer between 1 and " + RecordSearch.MAX_LIMIT);
        }
    }

    private static ArrayNode read(RecordTable table, Supplier<ArrayNode> read) {
        try {
            return read.get();
        } catch (InvalidQueryException e) {
            throw InvalidQueries.asRequestError(e);
        } catch (DataAccessException e) {
            throw RecordSqlErrors.translate(table, e);
        }
    }

    private static RecordCaller caller(String authorization) {
        return RecordCaller.of(CrmPrincipal.current(), authorization);
    }
}
