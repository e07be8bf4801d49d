package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModel;
import org.opencrm.dataapi.model.WorkspaceDataModels;
import org.springframework.dao.DataAccessException;

import tools.jackson.databind.node.ArrayNode;

/** Ranked full-text search for any protocol: checks the query and the objects, then runs {@link RecordSearch}. */
public class RecordSearches {

    public static final int MAX_QUERY_LENGTH = 500;

    private final RecordOperations records;
    private final WorkspaceDataModels models;
    private final RecordSearch search;

    RecordSearches(RecordOperations records, WorkspaceDataModels models, RecordSearch search) {
        this.records = records;
        this.models = models;
        this.search = search;
    }

    /**
     * The hits, best first: {@code {"recordId", "objectNameSingular", "label", "tsRank", "tsRankCD"}}.
     *
     * @param plurals the objects to search; every object of the workspace when empty
     * @param limit   1 to {@link RecordSearch#MAX_LIMIT}, or null for {@link RecordSearch#DEFAULT_LIMIT}
     */
    public ArrayNode search(RecordCaller caller, String query, List<String> plurals, Integer limit) {
        if (query == null || query.isBlank()) {
            throw InvalidRecordRequestException.of("query", "required", "'query' is required");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw InvalidRecordRequestException.of("query", "length",
                    "'query' is at most " + MAX_QUERY_LENGTH + " characters long");
        }
        int hits = limit == null ? RecordSearch.DEFAULT_LIMIT : limit;
        if (hits < 1 || hits > RecordSearch.MAX_LIMIT) {
            throw InvalidRecordRequestException.of("limit", "range",
                    "'limit' must be an integer between 1 and " + RecordSearch.MAX_LIMIT);
        }
        WorkspaceDataModel model = models.current(caller.workspaceId(), caller.authorization());
        List<ObjectModel> searched = new ArrayList<>();
        if (plurals.isEmpty()) {
            searched.addAll(model.objects());
        } else {
            for (String plural : plurals) {
                searched.add(records.table(caller, plural.strip()).object());
            }
        }
        try {
            return search.search(model, searched, query, hits);
        } catch (DataAccessException e) {
            throw new RecordStoreUnavailableException("The record store failed the search; retry later", e);
        }
    }
}
