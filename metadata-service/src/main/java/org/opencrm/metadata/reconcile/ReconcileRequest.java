package org.opencrm.metadata.reconcile;

/**
 * The body of {@code POST /rest/metadata/workspaces/{id}/reconcile}.
 *
 * @param repair whether migration-worker creates what is missing, rather than only reporting it
 */
record ReconcileRequest(Boolean repair) {
}
