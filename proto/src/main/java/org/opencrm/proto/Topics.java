package org.opencrm.proto;

/** The Kafka topics that carry events between services; every message is keyed by workspace id. */
public final class Topics {

    /** {@code SchemaChangeRequested}: metadata-service to migration-worker. */
    public static final String SCHEMA_CHANGES = "crm.metadata.schema-changes.v1";

    /** {@code SchemaChangeApplied}: migration-worker to metadata-service and data-api-service. */
    public static final String SCHEMA_APPLIED = "crm.metadata.schema-applied.v1";

    /** {@code SchemaChangeRequested} events that kept failing, parked so they block nothing else. */
    public static final String SCHEMA_CHANGES_DEAD_LETTER = "crm.metadata.schema-changes.v1.dlt";

    /** {@code WorkspaceCreated}: metadata-service to auth-service. */
    public static final String WORKSPACE_EVENTS = "crm.metadata.workspace-events.v1";

    /** {@code ApiKeyRevoked}: auth-service to every service that verifies tokens. */
    public static final String API_KEY_EVENTS = "crm.auth.api-key-events.v1";

    /** {@code RecordChanged}: data-api-service to webhook-service. */
    public static final String RECORD_CHANGES = "crm.records.changes.v1";

    /** The version of the event messages' shape written into each event's schema_version. */
    public static final int EVENT_SCHEMA_VERSION = 1;

    private Topics() {
    }
}
