package org.opencrm.dataapi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkspaceDataModelsTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String TOKEN = "Bearer token";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final CountingSource source = new CountingSource();
    private final WorkspaceDataModels models = new WorkspaceDataModels(source, new DataModelProperties(
            URI.create("http://localhost:8082"), Duration.ofSeconds(5), Duration.ofMinutes(10), 100,
            Duration.ofSeconds(1)), nanos::get);
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopCallers() {
        source.release();
        source.releaseHeld();
        callers.shutdownNow();
    }

    @Test
    void reloadsAtMostOncePerIntervalForUnknownPlurals() {
        source.release();
        models.current(WORKSPACE, TOKEN);

        for (int i = 0; i < 20; i++) {
            assertThat(models.current(WORKSPACE, TOKEN).objectByPlural("unicorns")).isEmpty();
            models.reload(WORKSPACE, TOKEN);
        }
        assertThat(source.loads()).isEqualTo(2);

        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        models.reload(WORKSPACE, TOKEN);
        assertThat(source.loads()).isEqualTo(2);

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        WorkspaceDataModel reloaded = models.reload(WORKSPACE, TOKEN);
        assertThat(source.loads()).isEqualTo(3);
        assertThat(models.current(WORKSPACE, TOKEN)).isSameAs(reloaded);
    }

    @Test
    void concurrentReloadsShareTheLoadInFlight() throws Exception {
        List<Future<WorkspaceDataModel>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(callers.submit(() -> models.reload(WORKSPACE, TOKEN)));
        }
        await().atMost(PATIENCE).until(() -> source.started() == 1);

        source.release();

        WorkspaceDataModel first = results.getFirst().get();
        for (Future<WorkspaceDataModel> result : results) {
            assertThat(result.get()).isSameAs(first);
        }
        assertThat(source.loads()).isEqualTo(1);
    }

    @Test
    void doesNotCacheAReloadThatStartedBeforeAnInvalidation() throws Exception {
        Future<WorkspaceDataModel> slow = callers.submit(() -> models.reload(WORKSPACE, TOKEN));
        await().atMost(PATIENCE).until(() -> source.started() == 1);

        models.invalidate(WORKSPACE);
        source.release();
        WorkspaceDataModel stale = slow.get();

        WorkspaceDataModel fresh = models.current(WORKSPACE, TOKEN);
        assertThat(fresh).isNotSameAs(stale);
        assertThat(source.loads()).isEqualTo(2);
        assertThat(models.current(WORKSPACE, TOKEN)).isSameAs(fresh);
    }

    @Test
    void aRequestAfterAChangeGetsTheNewModelWhenItLoadsQuickly() {
        source.release();
        WorkspaceDataModel before = models.current(WORKSPACE, TOKEN);

        models.invalidate(WORKSPACE);

        WorkspaceDataModel after = models.current(WORKSPACE, TOKEN);
        assertThat(after).isNotSameAs(before);
        assertThat(models.current(WORKSPACE, TOKEN)).isSameAs(after);
        assertThat(source.loads()).isEqualTo(2);
    }

    @Test
    void servesTheReplacedModelWhileASlowSuccessorLoadsInTheBackground() {
        source.release();
        WorkspaceDataModel before = models.current(WORKSPACE, TOKEN);
        source.holdNext();

        models.invalidate(WORKSPACE);

        long start = System.nanoTime();
        assertThat(models.current(WORKSPACE, TOKEN)).as("served from the stale model").isSameAs(before);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited at most about FRESH_WAIT")
                .isLessThan(WorkspaceDataModels.FRESH_WAIT.plusSeconds(2));
        assertThat(source.loads()).isEqualTo(1);
        source.releaseHeld();
        await().atMost(PATIENCE).until(() -> models.current(WORKSPACE, TOKEN) != before);
        assertThat(source.loads()).isEqualTo(2);
    }

    @Test
    void aFailedBackgroundLoadKeepsTheStaleModelUntilItExpiresThenCallersWait() {
        source.release();
        WorkspaceDataModel before = models.current(WORKSPACE, TOKEN);
        source.failNext();
        models.invalidate(WORKSPACE);

        assertThat(models.current(WORKSPACE, TOKEN)).isSameAs(before);
        await().atMost(PATIENCE).until(() -> source.loads() == 2);
        nanos.addAndGet(WorkspaceDataModels.STALE_FOR.toNanos() + 1);

        source.failNext();
        assertThatThrownBy(() -> models.current(WORKSPACE, TOKEN)).as("no stale model any more: the load is the caller's")
                .isInstanceOf(MetadataUnavailableException.class);
    }

    @Test
    void aFailedLoadIsNotCachedAndFailsItsSharersAlike() {
        source.release();
        source.failNext();

        assertThatThrownBy(() -> models.current(WORKSPACE, TOKEN)).isInstanceOf(MetadataUnavailableException.class);
        assertThat(models.current(WORKSPACE, TOKEN)).isNotNull();
        assertThat(source.loads()).isEqualTo(2);
    }

    /** Counts loads; each waits until released, so a test can act while one is in flight. */
    private static final class CountingSource implements DataModelSource {

        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger loads = new AtomicInteger();
        private final CompletableFuture<Void> gate = new CompletableFuture<>();
        private final CompletableFuture<Void> held = new CompletableFuture<>();
        private volatile boolean failNext;
        private volatile boolean holdNext;

        @Override
        public WorkspaceDataModel load(UUID workspaceId, String authorization) {
            started.incrementAndGet();
            gate.join();
            if (holdNext) {
                holdNext = false;
                held.join();
            }
            loads.incrementAndGet();
            if (failNext) {
                failNext = false;
                throw new MetadataUnavailableException("metadata-service answered 503", null);
            }
            return new WorkspaceDataModel(workspaceId, List.of());
        }

        void release() {
            gate.complete(null);
        }

        /** The next load waits until {@link #releaseHeld}. */
        void holdNext() {
            holdNext = true;
        }

        void releaseHeld() {
            held.complete(null);
        }

        void failNext() {
            failNext = true;
        }

        int started() {
            return started.get();
        }

        int loads() {
            return loads.get();
        }
    }
}
