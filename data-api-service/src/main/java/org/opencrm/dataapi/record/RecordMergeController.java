package org.opencrm.dataapi.record;

import org.opencrm.security.CrmPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Twenty's {@code POST /rest/{plural}/duplicates} and {@code PATCH /rest/{plural}/merge}. */
@RestController
@RequestMapping("/rest")
class RecordMergeController {

    private final RecordDuplicates duplicates;
    private final RecordMerge merge;

    RecordMergeController(RecordDuplicates duplicates, RecordMerge merge) {
        this.duplicates = duplicates;
        this.merge = merge;
    }

    @PostMapping("/{plural}/duplicates")
    ObjectNode duplicates(@PathVariable String plural, @RequestBody(required = false) JsonNode body,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return duplicates.find(caller(authorization), plural, body);
    }

    @PatchMapping("/{plural}/merge")
    ObjectNode merge(@PathVariable String plural, @RequestBody(required = false) JsonNode body,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return RecordEnvelopes.merged(merge.merge(caller(authorization), plural, body));
    }

    private static RecordCaller caller(String authorization) {
        return RecordCaller.of(CrmPrincipal.current(), authorization);
    }
}
