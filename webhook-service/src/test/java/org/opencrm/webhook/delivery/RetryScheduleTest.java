package org.opencrm.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Duration> STANDARD = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    @Test
    void followsTheScheduleWithoutJitterAtTheMiddleOfTheRange() {
        RetrySchedule schedule = new RetrySchedule(STANDARD, 0.1, () -> 0.5);

        assertThat(schedule.nextAttemptAt(1, NOW, Optional.empty())).contains(NOW.plusSeconds(5));
        assertThat(schedule.nextAttemptAt(2, NOW, Optional.empty())).contains(NOW.plus(Duration.ofMinutes(5)));
        assertThat(schedule.nextAttemptAt(7, NOW, Optional.empty())).contains(NOW.plus(Duration.ofHours(10)));
    }

    @Test
    void stopsAfterTheLastScheduledRetry() {
        RetrySchedule schedule = new RetrySchedule(STANDARD, 0.1, () -> 0.5);

        assertThat(schedule.nextAttemptAt(8, NOW, Optional.empty())).isEmpty();
    }

    @Test
    void jittersByAtMostTheConfiguredFraction() {
        assertThat(new RetrySchedule(STANDARD, 0.1, () -> 0.0).nextAttemptAt(2, NOW, Optional.empty()))
                .contains(NOW.plus(Duration.ofSeconds(270)));
        assertThat(new RetrySchedule(STANDARD, 0.1, () -> 0.999999).nextAttemptAt(2, NOW, Optional.empty()))
                .hasValueSatisfying(at -> assertThat(Duration.between(NOW, at)).isBetween(Duration.ofSeconds(329), Duration.ofSeconds(330)));
    }

    @Test
    void waitsAtLeastAsLongAsRetryAfterAsks() {
        RetrySchedule schedule = new RetrySchedule(STANDARD, 0.1, () -> 0.5);

        assertThat(schedule.nextAttemptAt(1, NOW, Optional.of(Duration.ofSeconds(120)))).contains(NOW.plusSeconds(120));
        assertThat(schedule.nextAttemptAt(2, NOW, Optional.of(Duration.ofSeconds(1)))).contains(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void capsRetryAfterAtTheLongestScheduledDelay() {
        RetrySchedule schedule = new RetrySchedule(STANDARD, 0.1, () -> 0.5);

        assertThat(schedule.nextAttemptAt(1, NOW, Optional.of(Duration.ofDays(30)))).contains(NOW.plus(Duration.ofHours(10)));
    }
}
