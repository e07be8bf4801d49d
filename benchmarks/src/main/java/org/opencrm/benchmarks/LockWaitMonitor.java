package org.opencrm.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches PostgreSQL while a schema change runs and names what an {@code ALTER TABLE} waiting for its lock waited
 * on (autovacuum, a long insert...), from {@code pg_blocking_pids}, polled every 10 ms on its own connection.
 */
final class LockWaitMonitor implements AutoCloseable {

    private static final String BLOCKERS = """
            SELECT DISTINCT b.backend_type || ': ' || left(regexp_replace(b.query, '\\s+', ' ', 'g'), 70)
            FROM pg_stat_activity w
            CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocker(pid)
            JOIN pg_stat_activity b ON b.pid = blocker.pid
            WHERE w.wait_event_type = 'Lock' AND w.query ILIKE '%ALTER TABLE%'""";

    private final Set<String> blockers = Collections.synchronizedSet(new LinkedHashSet<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    LockWaitMonitor(Connection connection) {
        thread = Thread.ofPlatform().name("lock-wait-monitor").start(() -> {
            try (connection; Statement statement = connection.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = statement.executeQuery(BLOCKERS)) {
                        while (rs.next()) {
                            blockers.add(rs.getString(1));
                        }
                    }
                    Thread.sleep(10);
                }
            } catch (SQLException e) {
                blockers.add("(monitor failed: " + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Stops watching; what the DDL waited on, empty when it never waited for a lock. */
    Set<String> stopAndGet() {
        stop.set(true);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Set.copyOf(blockers);
    }

    @Override
    public void close() {
        stopAndGet();
    }
}
