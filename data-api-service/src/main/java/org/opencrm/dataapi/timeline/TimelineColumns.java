package org.opencrm.dataapi.timeline;

import java.util.HashSet;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The columns of the {@code timelineActivity} table of each workspace schema, read from the catalog and kept for
 * a while: an empty set means the workspace has no timelineActivity object, and its events are skipped.
 */
class TimelineColumns {

    static final String TABLE = "timelineActivity";

    private final JdbcTemplate jdbc;
    private final Cache<String, Set<String>> bySchema;

    TimelineColumns(JdbcTemplate jdbc, TimelineProperties properties) {
        this.jdbc = jdbc;
        this.bySchema = Caffeine.newBuilder().expireAfterWrite(properties.columnsTtl()).maximumSize(10_000).build();
    }

    Set<String> of(String schema) {
        return bySchema.get(schema, name -> new HashSet<>(jdbc.queryForList(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?",
                String.class, name, TABLE)));
    }
}
