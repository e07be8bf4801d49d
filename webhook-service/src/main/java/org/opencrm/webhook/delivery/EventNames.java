package org.opencrm.webhook.delivery;

import java.util.Optional;

import org.opencrm.proto.records.v1.RecordChanged;

/** Twenty's event names, {@code <nameSingular>.<created|updated|deleted|destroyed|restored>}. */
final class EventNames {

    private EventNames() {
    }

    /** The event's name, or empty when the event names no object or an action this version does not know. */
    static Optional<String> of(RecordChanged event) {
        String action = switch (event.getAction()) {
            case RECORD_ACTION_CREATED -> "created";
            case RECORD_ACTION_UPDATED -> "updated";
            case RECORD_ACTION_DELETED -> "deleted";
            case RECORD_ACTION_DESTROYED -> "destroyed";
            case RECORD_ACTION_RESTORED -> "restored";
            case RECORD_ACTION_UNSPECIFIED, UNRECOGNIZED -> null;
        };
        if (action == null || event.getObjectNameSingular().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(event.getObjectNameSingular() + "." + action);
    }
}
