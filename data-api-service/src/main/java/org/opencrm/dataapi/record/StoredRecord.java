package org.opencrm.dataapi.record;

import org.opencrm.dataapi.model.ObjectModel;

import tools.jackson.databind.node.ObjectNode;

/** A record as the REST API shows it, with the object it belongs to. */
public record StoredRecord(ObjectModel object, ObjectNode record) {

    public String id() {
        return record.path("id").asString();
    }
}
