package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModel;
import org.opencrm.dataapi.model.WorkspaceDataModels;
import org.opencrm.dataapi.query.InvalidQueryException;
import org.opencrm.schema.SystemFields;
import org.springframework.dao.DataAccessException;

import tools.jackson.databind.JsonNode;

/**
 * The records API whatever the protocol: finds the object in the caller's workspace, checks the values against its
 * fields, and has the store run the statement. REST and gRPC both call it, so both validate and publish alike.
 */
public class RecordOperations {

    private final WorkspaceDataModels models;
    private final RecordStore store;

    RecordOperations(WorkspaceDataModels models, RecordStore store) {
        this.models = models;
        this.store = store;
    }

    public StoredRecord create(RecordCaller caller, String plural, JsonNode body) {
        return retriedOnSchemaChange(caller, () -> withInput(caller, plural, body, RecordInput.Mode.CREATE,
                (table, input) -> new StoredRecord(table.object(),
                        translated(table, () -> store.create(table, createdValues(table, caller, input))))));
    }

    /** The most records one batch may create, as Twenty's batch endpoint allows. */
    public static final int MAX_BATCH = 60;

    /**
     * Creates every record of the array in one transaction (one INSERT, one outbox batch), or none: the first bad
     * record is named by its index ({@code [3].emails.primaryEmail}).
     */
    public List<StoredRecord> createMany(RecordCaller caller, String plural, JsonNode body) {
        return retriedOnSchemaChange(caller, () -> {
            List<JsonNode> bodies = batchBodies(body);
            RecordTable table = table(caller, plural);
            List<RecordInput> inputs;
            try {
                inputs = readAll(table, bodies, RecordInput.Mode.CREATE);
            } catch (InvalidRecordRequestException e) {
                if (e.violations().stream().noneMatch(v -> v.rule().equals(Violation.UNKNOWN_FIELD))) {
                    throw e;
                }
                table = reloadedTable(caller, plural);
                inputs = readAll(table, bodies, RecordInput.Mode.CREATE);
            }
            RecordTable target = table;
            List<List<ColumnValue>> rows = inputs.stream().map(input -> createdValues(target, caller, input)).toList();
            try {
                return store.createMany(target, rows).stream().map(record -> new StoredRecord(target.object(), record))
                        .toList();
            } catch (DataAccessException e) {
                throw RecordSqlErrors.translateBatch(target, e, rows);
            }
        });
    }

    /**
     * Twenty's {@code ?upsert=true}: updates the live record with the body's {@code id}, or else with the value of
     * one of the object's unique fields that the body sets (the first in field order); creates it when none matches.
     */
    public UpsertedRecord upsert(RecordCaller caller, String plural, JsonNode body) {
        return retriedOnSchemaChange(caller, () -> withUpsertInput(caller, plural, body, (table, input) -> {
            Optional<UpsertKey> key = UpsertKey.of(table.object(), input.values());
            if (key.isEmpty()) {
                StoredRecord created = new StoredRecord(table.object(),
                        translated(table, () -> store.create(table, createdValues(table, caller, input))));
                return new UpsertedRecord(created, true);
            }
            List<ColumnValue> values = createdValues(table, caller, input);
            RecordStore.Upserted upserted = translated(table, () -> store.upsert(table, values, key.get().values(),
                    key.get().columns(), key.get().skipWhenEmpty(), input.fields()));
            return new UpsertedRecord(new StoredRecord(table.object(), upserted.record()), upserted.created());
        }));
    }

    /** Upserts every record of the array in one transaction, or none. */
    public List<UpsertedRecord> upsertMany(RecordCaller caller, String plural, JsonNode body) {
        return retriedOnSchemaChange(caller, () -> {
            List<JsonNode> bodies = batchBodies(body);
            RecordTable table = table(caller, plural);
            List<RecordInput> inputs = readAll(table, bodies, RecordInput.Mode.CREATE);
            return store.inTransaction(() -> {
                List<UpsertedRecord> results = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    RecordInput input = inputs.get(i);
                    List<ColumnValue> values = createdValues(table, caller, input);
                    Optional<UpsertKey> key = UpsertKey.of(table.object(), input.values());
                    try {
                        if (key.isEmpty()) {
                            results.add(new UpsertedRecord(new StoredRecord(table.object(), store.create(table, values)),
                                    true));
                        } else {
                            RecordStore.Upserted upserted = store.upsert(table, values, key.get().values(),
                                    key.get().columns(), key.get().skipWhenEmpty(), input.fields());
                            results.add(new UpsertedRecord(new StoredRecord(table.object(), upserted.record()),
                                    upserted.created()));
                        }
                    } catch (DataAccessException e) {
                        throw RecordSqlErrors.translateBatch(table, e, List.of(values), i);
                    }
                }
                return results;
            });
        });
    }

    /** A record an upsert wrote, and whether it was created rather than updated. */
    public record UpsertedRecord(StoredRecord record, boolean created) {
    }

    public StoredRecord restore(RecordCaller caller, String plural, String id) {
        return retriedOnSchemaChange(caller, () -> {
            RecordTable table = table(caller, plural);
            UUID recordId = recordId(id);
            return translated(table, () -> store.restore(table, List.of(recordId), cascades(caller, table))).stream()
                    .findFirst()
                    .map(record -> new StoredRecord(table.object(), record))
                    .orElseThrow(() -> RecordNotFoundException.record(table.object().nameSingular(), recordId));
        });
    }

    /** Restores the soft-deleted records among {@code selection}'s ids; the others are left out of the answer. */
    public List<StoredRecord> restoreMany(RecordCaller caller, String plural, RecordSelection selection) {
        return retriedOnSchemaChange(caller, () -> {
            RecordTable table = table(caller, plural);
            List<UUID> ids = selectedIds(caller, plural, selection);
            return translated(table, () -> store.restore(table, ids, cascades(caller, table))).stream()
                    .map(record -> new StoredRecord(table.object(), record)).toList();
        });
    }

    /**
     * Soft-deletes or destroys the selected records, in one statement.
     *
     * @param soft sets {@code deletedAt} instead of destroying the rows
     */
    public List<StoredRecord> deleteMany(RecordCaller caller, String plural, RecordSelection selection, boolean soft) {
        return retriedOnSchemaChange(caller, () -> {
            RecordTable table = table(caller, plural);
            List<UUID> ids = selectedIds(caller, plural, selection);
            return translated(table, () -> soft ? store.softDelete(table, ids, cascades(caller, table))
                    : store.destroy(table, ids)).stream()
                    .map(record -> new StoredRecord(table.object(), record)).toList();
        });
    }

    /**
     * Twenty's {@code PATCH /rest/{plural}?filter=...}: applies the same body to every selected live record, in one
     * transaction (all or none); the records selected but no longer live are left out of the answer.
     */
    public List<StoredRecord> updateMany(RecordCaller caller, String plural, RecordSelection selection,
            JsonNode body) {
        return retriedOnSchemaChange(caller, () -> {
            List<UUID> ids = selectedIds(caller, plural, selection);
            return withInput(caller, plural, body, RecordInput.Mode.UPDATE, (RecordTable table, RecordInput input) -> {
                List<ColumnValue> values = new ArrayList<>(input.values());
                values.addAll(actorValues(table, caller, SystemFields.UPDATED_BY));
                return translated(table, () -> store.inTransaction(() -> {
                    List<StoredRecord> updated = new ArrayList<>();
                    for (UUID id : ids) {
                        store.update(table, id, values, input.fields())
                                .ifPresent(record -> updated.add(new StoredRecord(table.object(), record)));
                    }
                    return updated;
                }));
            });
        });
    }

    /**
     * The ids a selection names, or those of the live records its filter matches (soft-deleted ones too when the
     * filter names {@code deletedAt}, as lists read them): at most {@link RecordSelection#MAX_IDS}.
     */
    private List<UUID> selectedIds(RecordCaller caller, String plural, RecordSelection selection) {
        if (selection.filter() == null) {
            return selection.ids();
        }
        Page page = list(caller, plural, selection.filter(), null, RecordSelection.MAX_IDS, null, null, 0);
        if (page.hasNextPage()) {
            throw InvalidRecordRequestException.of("filter", "max-records", "the filter matches "
                    + page.totalCount() + " records; an operation on many reaches at most " + RecordSelection.MAX_IDS);
        }
        return page.records().stream().map(record -> UUID.fromString(record.id())).toList();
    }

    /** The relations whose records a soft delete of {@code table}'s records takes along, and a restore brings back. */
    private List<RelationCascade> cascades(RecordCaller caller, RecordTable table) {
        return RelationCascade.towards(table, models.current(caller.workspaceId(), caller.authorization()).objects());
    }

    /** The model of the caller's workspace and the table of one of its objects, for the features built on them. */
    RecordTable tableOf(RecordCaller caller, String plural) {
        return table(caller, plural);
    }

    WorkspaceDataModels models() {
        return models;
    }

    public StoredRecord get(RecordCaller caller, String plural, String id) {
        return get(caller, plural, id, 0);
    }

    /** @param depth levels of related records to nest, 0 to 2 */
    public StoredRecord get(RecordCaller caller, String plural, String id, int depth) {
        return retriedOnSchemaChange(caller, () -> {
            RecordTable table = table(caller, plural);
            UUID recordId = recordId(id);
            WorkspaceDataModel model = models.current(caller.workspaceId(), caller.authorization());
            return translated(table, () -> store.find(model, table, recordId, depth))
                    .map(record -> new StoredRecord(table.object(), record))
                    .orElseThrow(() -> RecordNotFoundException.record(table.object().nameSingular(), recordId));
        });
    }

    /**
     * A page of a list. A field the filter or order names but the cached model lacks may be a field created a
     * moment ago: the model is reloaded once before the field is called unknown.
     */
    RecordList list(RecordCaller caller, String plural, ListRequest request) {
        return retriedOnSchemaChange(caller, () -> {
            RecordTable table = table(caller, plural);
            try {
                return listed(caller, table, request);
            } catch (InvalidQueryException e) {
                if (!InvalidQueries.UNKNOWN_FIELD.equals(e.rule())) {
                    throw InvalidQueries.asRequestError(e);
                }
            }
            RecordTable reloaded = reloadedTable(caller, plural);
            try {
                return listed(caller, reloaded, request);
            } catch (InvalidQueryException e) {
                throw InvalidQueries.asRequestError(e);
            }
        });
    }

    private RecordList listed(RecordCaller caller, RecordTable table, ListRequest request) {
        WorkspaceDataModel model = models.current(caller.workspaceId(), caller.authorization());
        return new RecordList(table.object(), translated(table, () -> store.page(model, table, request)));
    }

    public StoredRecord update(RecordCaller caller, String plural, String id, JsonNode body) {
        return retriedOnSchemaChange(caller, () -> {
            UUID recordId = recordId(id);
            return withInput(caller, plural, body, RecordInput.Mode.UPDATE, (RecordTable table, RecordInput input) -> {
                List<ColumnValue> values = new ArrayList<>(input.values());
                values.addAll(actorValues(table, caller, SystemFields.UPDATED_BY));
                return translated(table, () -> store.update(table, recordId, values, input.fields()))
                        .map(record -> new StoredRecord(table.object(), record))
                        .orElseThrow(() -> RecordNotFoundException.record(table.object().nameSingular(), recordId));
            });
        });
    }

    /** @param soft sets {@code deletedAt} instead of destroying the row */
    public StoredRecord delete(RecordCaller caller, String plural, String id, boolean soft) {
        return retriedOnSchemaChange(caller, () -> {
            RecordTable table = table(caller, plural);
            UUID recordId = recordId(id);
            return translated(table, () -> soft
                    ? store.softDelete(table, List.of(recordId), cascades(caller, table)).stream().findFirst()
                    : store.destroy(table, recordId))
                    .map(record -> new StoredRecord(table.object(), record))
                    .orElseThrow(() -> RecordNotFoundException.record(table.object().nameSingular(), recordId));
        });
    }

    /** A list page with the object it lists. */
    record RecordList(ObjectModel object, RecordPage page) {
    }

    /** A page of records and where it stands, for callers outside this package (gRPC). */
    public record Page(List<StoredRecord> records, boolean hasNextPage, boolean hasPreviousPage, String startCursor,
            String endCursor, long totalCount) {
    }

    /**
     * A page of a list, as {@code GET /rest/{plural}} reads it.
     *
     * @param filter Twenty's filter grammar, blank for none
     * @param orderBy Twenty's {@code order_by}, blank for position then id
     * @param limit 1 to 200, or 0 for the default (60)
     * @param startingAfter a cursor, blank for none; {@code endingBefore} likewise
     * @param depth 0 to 2 levels of nested relations
     */
    public Page list(RecordCaller caller, String plural, String filter, String orderBy, int limit,
            String startingAfter, String endingBefore, int depth) {
        return page(caller, plural, filter, orderBy, limit, startingAfter, endingBefore, depth, true);
    }

    /**
     * The next page after {@code startingAfter} (blank for the first), without nested relations and without the
     * total of matches ({@code totalCount} -1 unless the first page holds them all): for a reader that walks every
     * page, which would otherwise count the whole match again on each of them.
     */
    public Page pageWithoutTotal(RecordCaller caller, String plural, String filter, String orderBy, int limit,
            String startingAfter) {
        return page(caller, plural, filter, orderBy, limit, startingAfter, null, 0, false);
    }

    private Page page(RecordCaller caller, String plural, String filter, String orderBy, int limit,
            String startingAfter, String endingBefore, int depth, boolean counted) {
        PageQuery page = PageQuery.of(limit == 0 ? null : Integer.toString(limit), blankToNull(startingAfter),
                blankToNull(endingBefore));
        ListRequest request = new ListRequest(blankToNull(filter), blankToNull(orderBy), page,
                ListRequest.depth(Integer.toString(depth)), counted);
        RecordList list = list(caller, plural, request);
        RecordPage found = list.page();
        return new Page(found.records().stream().map(record -> new StoredRecord(list.object(), record)).toList(),
                found.hasNextPage(), found.hasPreviousPage(), found.startCursor(), found.endCursor(),
                found.totalCount());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private interface Write<T> {
        T apply(RecordTable table, RecordInput input);
    }

    private UpsertedRecord withUpsertInput(RecordCaller caller, String plural, JsonNode body,
            Write<UpsertedRecord> write) {
        return withInput(caller, plural, body, RecordInput.Mode.CREATE, write);
    }

    private static List<ColumnValue> createdValues(RecordTable table, RecordCaller caller, RecordInput input) {
        List<ColumnValue> values = new ArrayList<>(input.values());
        values.addAll(actorValues(table, caller, SystemFields.CREATED_BY));
        values.addAll(actorValues(table, caller, SystemFields.UPDATED_BY));
        return values;
    }

    private static List<JsonNode> batchBodies(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw InvalidRecordRequestException.of("body", "type", "the body must be a JSON array of records");
        }
        if (body.isEmpty()) {
            throw InvalidRecordRequestException.of("body", "empty", "the body must hold at least one record");
        }
        if (body.size() > MAX_BATCH) {
            throw InvalidRecordRequestException.of("body", "max-records",
                    "a batch holds at most " + MAX_BATCH + " records, this one has " + body.size());
        }
        List<JsonNode> bodies = new ArrayList<>();
        body.forEach(bodies::add);
        return bodies;
    }

    /** Reads every body; the first one at fault fails the batch, its violations named {@code [index].field}. */
    private static List<RecordInput> readAll(RecordTable table, List<JsonNode> bodies, RecordInput.Mode mode) {
        List<RecordInput> inputs = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            try {
                inputs.add(RecordInput.read(table.object(), bodies.get(i), mode));
            } catch (InvalidRecordRequestException e) {
                int index = i;
                throw new InvalidRecordRequestException(e.violations().stream()
                        .map(v -> new Violation("[" + index + "]." + v.field(), v.rule(),
                                "record " + index + ": " + v.message()))
                        .toList());
            }
        }
        return inputs;
    }

    /**
     * Reads the body against the cached model; a property the model does not know may be a field created a moment
     * ago, so the model is reloaded once before the property is called unknown ({@link WorkspaceDataModels} bounds
     * how often such reloads reach metadata-service).
     */
    private <T> T withInput(RecordCaller caller, String plural, JsonNode body, RecordInput.Mode mode,
            Write<T> write) {
        RecordTable table = table(caller, plural);
        RecordInput input;
        try {
            input = RecordInput.read(table.object(), body, mode);
        } catch (InvalidRecordRequestException e) {
            if (e.violations().stream().noneMatch(v -> Violation.UNKNOWN_FIELD.equals(v.rule()))) {
                throw e;
            }
            table = reloadedTable(caller, plural);
            input = RecordInput.read(table.object(), body, mode);
        }
        return write.apply(table, input);
    }

    RecordTable table(RecordCaller caller, String plural) {
        return models.current(caller.workspaceId(), caller.authorization())
                .objectByPlural(plural)
                .map(object -> new RecordTable(caller.workspaceId(), object))
                .orElseGet(() -> reloadedTable(caller, plural));
    }

    private RecordTable reloadedTable(RecordCaller caller, String plural) {
        return models.reload(caller.workspaceId(), caller.authorization())
                .objectByPlural(plural)
                .map(object -> new RecordTable(caller.workspaceId(), object))
                .orElseThrow(() -> RecordNotFoundException.object(plural));
    }

    private static List<ColumnValue> actorValues(RecordTable table, RecordCaller caller, String fieldName) {
        Map<String, RecordKey> keys = RecordKey.of(table.object());
        RecordKey key = keys.get(fieldName);
        return key == null ? List.of() : RecordInput.columnValues(key, caller.actor());
    }

    private static UUID recordId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw InvalidRecordRequestException.of("id", "type", "'id' must be a UUID, was '" + id + "'");
        }
    }

    /**
     * Runs the operation; when its statement meets a schema the cached model no longer describes (a column renamed
     * or dropped a moment ago), reloads the model and runs it once more. Writes run in one transaction each, so the
     * failed try changed nothing.
     */
    private <T> T retriedOnSchemaChange(RecordCaller caller, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SchemaChangedException e) {
            models.reload(caller.workspaceId(), caller.authorization());
            return operation.get();
        }
    }

    static <T> T translated(RecordTable table, Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            throw RecordSqlErrors.translate(table, e);
        }
    }
}
