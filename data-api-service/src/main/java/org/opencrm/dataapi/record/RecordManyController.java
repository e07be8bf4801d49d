package org.opencrm.dataapi.record;

import java.util.List;

import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twenty's writes of many records and its restore routes: {@code POST /rest/batch/{plural}} (with
 * {@code ?upsert=true}), {@code DELETE /rest/{plural}?filter=...} (with {@code soft_delete}),
 * {@code PATCH /rest/{plural}?filter=...} (update many), {@code PATCH /rest/restore/{plural}/{id}}, {@code PATCH /rest/{plural}/{id}/restore} and their many-record forms.
 */
@RestController
@RequestMapping("/rest")
class RecordManyController {

    private final RecordOperations records;

    RecordManyController(RecordOperations records) {
        this.records = records;
    }

    @PostMapping("/batch/{plural}")
    @ResponseStatus(HttpStatus.CREATED)
    ObjectNode createMany(@PathVariable String plural, @RequestBody(required = false) JsonNode body,
            @RequestParam(required = false) String upsert,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        RecordCaller caller = caller(authorization);
        List<StoredRecord> written = RecordEnvelopes.upsert(upsert)
                ? records.upsertMany(caller, plural, body).stream().map(RecordOperations.UpsertedRecord::record).toList()
                : records.createMany(caller, plural, body);
        return RecordEnvelopes.createdMany(records.tableOf(caller, plural).object(), written);
    }

    /** Filters are mandatory, as in Twenty, so a bare DELETE never reaches every record. */
    @DeleteMapping("/{plural}")
    ObjectNode deleteMany(@PathVariable String plural, @RequestParam(required = false) String filter,
            @RequestParam(name = "soft_delete", defaultValue = "false") boolean softDelete,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        RecordSelection selection = RecordSelection.ofFilter(filter);
        RecordCaller caller = caller(authorization);
        List<StoredRecord> deleted = records.deleteMany(caller, plural, selection, softDelete);
        return RecordEnvelopes.deletedMany(records.tableOf(caller, plural).object(), deleted);
    }

    /** Filters are mandatory here too; the body holds the values every selected record takes. */
    @PatchMapping("/{plural}")
    ObjectNode updateMany(@PathVariable String plural, @RequestParam(required = false) String filter,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        RecordSelection selection = RecordSelection.ofFilter(filter);
        RecordCaller caller = caller(authorization);
        List<StoredRecord> updated = records.updateMany(caller, plural, selection, body);
        return RecordEnvelopes.updatedMany(records.tableOf(caller, plural).object(), updated);
    }

    @PatchMapping({"/restore/{plural}/{id}", "/{plural}/{id}/restore"})
    ObjectNode restore(@PathVariable String plural, @PathVariable String id,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return RecordEnvelopes.restored(records.restore(caller(authorization), plural, id));
    }

    @PatchMapping({"/restore/{plural}", "/{plural}/restore"})
    ObjectNode restoreMany(@PathVariable String plural, @RequestParam(required = false) String filter,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        RecordCaller caller = caller(authorization);
        List<StoredRecord> restored = records.restoreMany(caller, plural, RecordSelection.ofFilter(filter));
        return RecordEnvelopes.restoredMany(records.tableOf(caller, plural).object(), restored);
    }

    private static RecordCaller caller(String authorization) {
        return RecordCaller.of(CrmPrincipal.current(), authorization);
    }
}
