package org.opencrm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WorkerMigrationTimerTest {

    private static final String BEFORE = """
            # HELP crm_worker_migrations_seconds Time from receiving a migration to committing its outcome
            # TYPE crm_worker_migrations_seconds summary
            crm_worker_migrations_seconds_count{outcome="applied"} 3
            crm_worker_migrations_seconds_sum{outcome="applied"} 0.120
            crm_worker_migrations_seconds_count{outcome="failed"} 1
            crm_worker_migrations_seconds_sum{outcome="failed"} 9.0
            crm_worker_migrations_seconds_max{outcome="applied"} 0.08
            """;

    @Test
    void theDifferenceOfTwoReadingsAroundOneMigrationIsItsDuration() {
        WorkerMigrationTimer.Reading before = WorkerMigrationTimer.parse(BEFORE);
        WorkerMigrationTimer.Reading after = WorkerMigrationTimer.parse(BEFORE
                .replace("count{outcome=\"applied\"} 3", "count{outcome=\"applied\"} 4")
                .replace("sum{outcome=\"applied\"} 0.120", "sum{outcome=\"applied\"} 0.1275"));

        assertThat(before.count()).isEqualTo(3);
        assertThat(after.millisSince(before)).isCloseTo(7.5, within(0.001));
    }

    @Test
    void noFigureWhenNoneOrSeveralMigrationsRanBetweenTheReadings() {
        WorkerMigrationTimer.Reading before = WorkerMigrationTimer.parse(BEFORE);
        WorkerMigrationTimer.Reading twoLater = WorkerMigrationTimer.parse(BEFORE.replace("applied\"} 3", "applied\"} 5"));

        assertThat(before.millisSince(before)).isNaN();
        assertThat(twoLater.millisSince(before)).isNaN();
        assertThat(new WorkerMigrationTimer.Reading(Double.NaN, Double.NaN).millisSince(before)).isNaN();
    }
}
