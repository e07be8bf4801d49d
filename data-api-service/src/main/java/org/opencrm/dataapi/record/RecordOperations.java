package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return withInput(caller, plural, body, RecordInput.Mode.CREATE, (table, input) -> {
            List<ColumnValue> values = new ArrayList<>(input.values());
            values.addAll(actorValues(table, caller, SystemFields.CREATED_BY));
            values.addAll(actorValues(table, caller, SystemFields.UPDATED_BY));
            return new StoredRecord(table.object(), translated(table, () -> store.create(table, values)));
        });
    }

    public StoredRecord get(RecordCaller caller, String plural, String id) {
        return get(caller, plural, id, 0);
    }

    /** @param depth levels of related records to nest, 0 to 2 */
    public StoredRecord get(RecordCaller caller, String plural, String id, int depth) {
        RecordTable table = table(caller, plural);
        UUID recordId = recordId(id);
        WorkspaceDataModel model = models.current(caller.workspaceId(), caller.authorization());
        return translated(table, () -> store.find(model, table, recordId, depth))
                .map(record -> new StoredRecord(table.object(), record))
                .orElseThrow(() -> RecordNotFoundException.record(table.object().nameSingular(), recordId));
    }

    /**
     * A page of a list. A field the filter or order names but the cached model lacks may be a field created a
     * moment ago: the model is reloaded once before the field is called unknown.
     */
    RecordList list(RecordCaller caller, String plural, ListRequest request) {
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
    }

    private RecordList listed(RecordCaller caller, RecordTable table, ListRequest request) {
        WorkspaceDataModel model = models.current(caller.workspaceId(), caller.authorization());
        return new RecordList(table.object(), translated(table, () -> store.page(model, table, request)));
    }

    public StoredRecord update(RecordCaller caller, String plural, String id, JsonNode body) {
        UUID recordId = recordId(id);
        return withInput(caller, plural, body, RecordInput.Mode.UPDATE, (table, input) -> {
            List<ColumnValue> values = new ArrayList<>(input.values());
            values.addAll(actorValues(table, caller, SystemFields.UPDATED_BY));
            return translated(table, () -> store.update(table, recordId, values, input.fields()))
                    .map(record -> new StoredRecord(table.object(), record))
                    .orElseThrow(() -> RecordNotFoundException.record(table.object().nameSingular(), recordId));
        });
    }

    /** @param soft sets {@code deletedAt} instead of destroying the row */
    public StoredRecord delete(RecordCaller caller, String plural, String id, boolean soft) {
        RecordTable table = table(caller, plural);
        UUID recordId = recordId(id);
        return translated(table, () -> soft ? store.softDelete(table, recordId) : store.destroy(table, recordId))
                .map(record -> new StoredRecord(table.object(), record))
                .orElseThrow(() -> RecordNotFoundException.record(table.object().nameSingular(), recordId));
    }

    /** A list page with the object it lists. */
    record RecordList(ObjectModel object, RecordPage page) {
    }

    private interface Write {
        StoredRecord apply(RecordTable table, RecordInput input);
    }

    /**
     * Reads the body against the cached model; a property the model does not know may be a field created a moment
     * ago, so the model is reloaded once before the property is called unknown ({@link WorkspaceDataModels} bounds
     * how often such reloads reach metadata-service).
     */
    private StoredRecord withInput(RecordCaller caller, String plural, JsonNode body, RecordInput.Mode mode,
            Write write) {
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

    private static <T> T translated(RecordTable table, Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            throw RecordSqlErrors.translate(table, e);
        }
    }
}
