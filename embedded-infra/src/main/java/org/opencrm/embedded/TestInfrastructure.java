package org.opencrm.embedded;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the JVM exits.
 * Each test class takes its own database from {@link #newDatabase()} so classes never see each other's rows.
 */
public final class TestInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile EmbeddedPostgres postgres;
    private static volatile EmbeddedKafka kafka;

    private TestInfrastructure() {
    }

    public static EmbeddedPostgres postgres() {
        if (postgres == null) {
            synchronized (TestInfrastructure.class) {
                if (postgres == null) {
                    postgres = EmbeddedPostgres.start();
                }
            }
        }
        return postgres;
    }

    public static EmbeddedKafka kafka() {
        if (kafka == null) {
            synchronized (TestInfrastructure.class) {
                if (kafka == null) {
                    kafka = EmbeddedKafka.start();
                }
            }
        }
        return kafka;
    }

    /** Creates a fresh, empty database and returns its JDBC URL. */
    public static String newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        postgres().createDatabase(name);
        return postgres().jdbcUrl(name);
    }
}
