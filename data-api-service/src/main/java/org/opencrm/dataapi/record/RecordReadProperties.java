package org.opencrm.dataapi.record;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the records API's reads.
 *
 * @param cursorSecret the key that signs list cursors (any text, 32+ characters advised). Unset, each instance draws
 *                     a random one at start: cursors then stop working across a restart or between replicas behind
 *                     one load balancer, so deployments with several instances set the same value on each
 */
@ConfigurationProperties("crm.dataapi.records")
record RecordReadProperties(String cursorSecret) {
}
