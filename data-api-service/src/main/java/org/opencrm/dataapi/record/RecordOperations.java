package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModels;
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
        RecordTable table = table(caller, plural);
        UUID recordId = recordId(id);
        return translated(table, () -> store.find(table, recordId))
                .map(record -> new StoredRecord(table.object(), record))
                .orElseThrow(() -> RecordNotFoundException.record(table.object().nameSingular(), recordId));
    }

    RecordList list(RecordCaller caller, String plural, PageQuery query) {
        RecordTable table = table(caller, plural);
        RecordPage page = translated(table,
                () -> store.page(table, query.limit(), query.startingAfter(), query.endingBefore()));
        return new RecordList(table.object(), page);
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

    private RecordTable table(RecordCaller caller, String plural) {
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
