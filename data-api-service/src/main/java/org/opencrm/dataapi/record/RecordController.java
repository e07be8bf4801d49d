package org.opencrm.dataapi.record;

import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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

/** Records of any object in Twenty's REST shape: {@code /rest/{plural}} and {@code /rest/{plural}/{id}}. */
@RestController
@RequestMapping("/rest")
class RecordController {

    private final RecordOperations records;

    RecordController(RecordOperations records) {
        this.records = records;
    }

    /** With {@code upsert=true} an existing record with the body's id or unique value is updated instead. */
    @PostMapping("/{plural}")
    @ResponseStatus(HttpStatus.CREATED)
    ObjectNode create(@PathVariable String plural, @RequestBody(required = false) JsonNode body,
            @RequestParam(required = false) String upsert,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        if (RecordEnvelopes.upsert(upsert)) {
            return RecordEnvelopes.created(records.upsert(caller(authorization), plural, body).record());
        }
        return RecordEnvelopes.created(records.create(caller(authorization), plural, body));
    }

    @GetMapping("/{plural}/{id}")
    ObjectNode get(@PathVariable String plural, @PathVariable String id,
            @RequestParam(required = false) String depth,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return RecordEnvelopes.found(records.get(caller(authorization), plural, id, ListRequest.depth(depth)));
    }

    /** Twenty's list: {@code filter}, {@code order_by}, {@code depth}, {@code limit} and cursors both ways. */
    @GetMapping("/{plural}")
    ObjectNode list(@PathVariable String plural,
            @RequestParam(required = false) String limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(name = "ending_before", required = false) String endingBefore,
            @RequestParam(required = false) String filter,
            @RequestParam(name = "order_by", required = false) String orderBy,
            @RequestParam(required = false) String depth,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ListRequest request = new ListRequest(filter, orderBy, PageQuery.of(limit, startingAfter, endingBefore),
                ListRequest.depth(depth));
        RecordOperations.RecordList list = records.list(caller(authorization), plural, request);
        return RecordEnvelopes.listed(list.object(), list.page());
    }

    @PatchMapping("/{plural}/{id}")
    ObjectNode update(@PathVariable String plural, @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return RecordEnvelopes.updated(records.update(caller(authorization), plural, id, body));
    }

    @DeleteMapping("/{plural}/{id}")
    ObjectNode delete(@PathVariable String plural, @PathVariable String id,
            @RequestParam(name = "soft_delete", defaultValue = "false") boolean softDelete,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return RecordEnvelopes.deleted(records.delete(caller(authorization), plural, id, softDelete));
    }

    private static RecordCaller caller(String authorization) {
        return RecordCaller.of(CrmPrincipal.current(), authorization);
    }

    private static void unsupported(String parameter, String value) {
        if (value != null) {
            throw InvalidRecordRequestException.of(parameter, "unsupported",
                    "'" + parameter + "' is not supported by this API yet");
        }
    }
}
