package org.opencrm.dataapi.timeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The consumer that writes {@code timelineActivity} rows from record events.
 *
 * @param enabled     whether this instance consumes record events for the timeline
 * @param groupId     its Kafka consumer group: the instances of the service share the work
 * @param columnsTtl  how long the columns of a workspace's {@code timelineActivity} table are remembered, so a
 *                    workspace that gains the object (or a target relation) is served within that time
 */
@ConfigurationProperties("crm.dataapi.timeline")
public record TimelineProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("data-api-service-timeline") String groupId,
        @DefaultValue("30s") Duration columnsTtl) {
}
