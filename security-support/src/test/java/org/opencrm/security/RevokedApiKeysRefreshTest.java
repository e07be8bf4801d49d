package org.opencrm.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RevokedApiKeysRefreshTest {

    @Test
    void reloadsTheListPeriodicallyUntilStopped() {
        UUID revokedKey = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        RevokedApiKeys revokedApiKeys = new RevokedApiKeys(() -> {
            loads.incrementAndGet();
            return Set.of(revokedKey);
        }, Clock.systemUTC(), Duration.ofSeconds(5));
        RevokedApiKeysRefresh refresh = new RevokedApiKeysRefresh(revokedApiKeys, Duration.ofMillis(20));

        refresh.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> loads.get() >= 3);
            assertThat(revokedApiKeys.isRevoked(revokedKey)).isTrue();
        } finally {
            refresh.stop();
        }
        assertThat(refresh.isRunning()).isFalse();
    }
}
