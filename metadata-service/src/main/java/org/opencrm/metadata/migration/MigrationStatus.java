package org.opencrm.metadata.migration;

/** Where a requested schema change stands; only APPLIED changes exist in the workspace schema. */
public enum MigrationStatus {
    PENDING,
    APPLIED,
    FAILED
}
