package org.opencrm.dataapi.model;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The data models of the workspaces recently served, loaded on first use with the caller's token and dropped when
 * migration-worker reports a schema change of the workspace.
 *
 * <p>Loads of one workspace are single-flight: concurrent callers share the load in flight. Forced reloads (for a
 * name the cached model does not know, which any token can send) happen at most once per
 * {@link DataModelProperties#minReloadInterval()} per workspace, so such names cannot flood metadata-service. A load
 * that started before the latest invalidation of its workspace is never cached: it may hold the schema as it was
 * before the change.
 *
 * <p>After a schema change the model it replaces is kept as stale for {@link #STALE_FOR}. The first request after
 * the change starts one load of the new model, and requests wait for it up to {@link #FRESH_WAIT} (a load takes
 * tens of milliseconds), so a field is in the answers as soon as its change is reported applied; a slower load
 * does not hold them up: they are served from the stale model meanwhile. That is safe because statements name
 * their columns: a stale model misses only what was added (a request naming a new field forces a reload, as above),
 * and a statement meeting a column renamed or dropped under it makes {@code RecordOperations} reload the model and
 * run once more.
 */
public class WorkspaceDataModels {

    /** How long a replaced model may still serve while its successor loads; after that, callers wait for it. */
    static final Duration STALE_FOR = Duration.ofSeconds(30);

    /** How long a request waits for the new model of a changed workspace before the stale one serves it. */
    static final Duration FRESH_WAIT = Duration.ofMillis(250);

    private final Cache<UUID, WorkspaceDataModel> models;
    private final Cache<UUID, WorkspaceDataModel> stale;
    private final Executor refresher;
    // Outlives any load in flight (a load takes at most the request timeout), so a load always finds the state it
    // started with and an invalidation during it is seen.
    private final Cache<UUID, LoadState> states;
    private final DataModelSource source;
    private final Ticker ticker;
    private final long minReloadIntervalNanos;

    WorkspaceDataModels(DataModelSource source, DataModelProperties properties) {
        this(source, properties, Ticker.systemTicker(), Executors.newVirtualThreadPerTaskExecutor());
    }

    WorkspaceDataModels(DataModelSource source, DataModelProperties properties, Ticker ticker) {
        this(source, properties, ticker, Executors.newVirtualThreadPerTaskExecutor());
    }

    WorkspaceDataModels(DataModelSource source, DataModelProperties properties, Ticker ticker, Executor refresher) {
        this.source = source;
        this.refresher = refresher;
        this.stale = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(STALE_FOR)
                .maximumSize(properties.maximumWorkspaces()).build();
        this.ticker = ticker;
        this.minReloadIntervalNanos = properties.minReloadInterval().toNanos();
        this.models = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(properties.expireAfterWrite())
                .maximumSize(properties.maximumWorkspaces())
                .build();
        this.states = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(properties.expireAfterWrite().plus(properties.requestTimeout().multipliedBy(2)))
                .build();
    }

    /**
     * The workspace's model as cached, loaded if absent.
     *
     * @param authorization the caller's {@code Authorization} header, a token of this workspace
     * @throws MetadataUnavailableException when it is absent and metadata-service does not answer
     */
    public WorkspaceDataModel current(UUID workspaceId, String authorization) {
        WorkspaceDataModel cached = models.getIfPresent(workspaceId);
        if (cached != null) {
            return cached;
        }
        WorkspaceDataModel replaced = stale.getIfPresent(workspaceId);
        if (replaced != null) {
            return fresher(refreshInBackground(workspaceId, authorization), replaced);
        }
        return load(workspaceId, authorization, false);
    }

    /**
     * Loads the workspace's model afresh: for a name the cached model does not know, which may be a change applied
     * before its event reached this instance. Within the minimum reload interval of the last forced reload, the
     * cached model is the answer.
     */
    public WorkspaceDataModel reload(UUID workspaceId, String authorization) {
        return load(workspaceId, authorization, true);
    }

    void invalidate(UUID workspaceId) {
        LoadState state = states.get(workspaceId, id -> new LoadState());
        synchronized (state) {
            state.generation++;
            // Callers from now on must not join a load that may read the schema as it was before the change.
            state.inFlight = null;
            WorkspaceDataModel replaced = models.getIfPresent(workspaceId);
            if (replaced != null) {
                stale.put(workspaceId, replaced);
            }
            models.invalidate(workspaceId);
        }
    }

    /** The load in flight's model if it comes within {@link #FRESH_WAIT}, else the replaced one. */
    private static WorkspaceDataModel fresher(CompletableFuture<WorkspaceDataModel> flight,
            WorkspaceDataModel replaced) {
        try {
            return flight.get(FRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return replaced;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return replaced;
        }
    }

    /** Starts one load of the workspace's model in the background unless one is in flight; returns that load. */
    private CompletableFuture<WorkspaceDataModel> refreshInBackground(UUID workspaceId, String authorization) {
        LoadState state = states.get(workspaceId, id -> new LoadState());
        CompletableFuture<WorkspaceDataModel> flight = new CompletableFuture<>();
        long generation;
        synchronized (state) {
            if (state.inFlight != null) {
                return state.inFlight;
            }
            state.inFlight = flight;
            generation = state.generation;
        }
        refresher.execute(() -> {
            try {
                fly(workspaceId, authorization, state, flight, generation);
            } catch (RuntimeException e) {
                // The stale model keeps serving until it expires; the next request tries again.
            }
        });
        return flight;
    }

    private WorkspaceDataModel load(UUID workspaceId, String authorization, boolean forced) {
        LoadState state = states.get(workspaceId, id -> new LoadState());
        CompletableFuture<WorkspaceDataModel> flight = new CompletableFuture<>();
        CompletableFuture<WorkspaceDataModel> inFlight;
        WorkspaceDataModel reused = null;
        long generation;
        synchronized (state) {
            inFlight = state.inFlight;
            if (inFlight == null) {
                long now = ticker.read();
                boolean tooSoon = forced && state.lastForcedReload != null
                        && now - state.lastForcedReload < minReloadIntervalNanos;
                // Checked again under the lock: a load may have finished since the caller missed the cache.
                WorkspaceDataModel cached = models.getIfPresent(workspaceId);
                reused = cached != null && (!forced || tooSoon) ? cached : null;
                if (reused == null) {
                    if (forced) {
                        state.lastForcedReload = now;
                    }
                    state.inFlight = flight;
                }
            }
            generation = state.generation;
        }
        if (inFlight != null) {
            // Awaited outside the lock, which the load in flight needs to finish.
            return shared(inFlight);
        }
        if (reused != null) {
            return reused;
        }
        return fly(workspaceId, authorization, state, flight, generation);
    }

    /**
     * Runs the load of {@code flight}: caches its model unless the workspace was invalidated since the load
     * started ({@code generation}), and completes the flight either way so the callers sharing it never wait forever.
     */
    private WorkspaceDataModel fly(UUID workspaceId, String authorization, LoadState state,
            CompletableFuture<WorkspaceDataModel> flight, long generation) {
        try {
            WorkspaceDataModel model = source.load(workspaceId, authorization);
            synchronized (state) {
                if (state.generation == generation) {
                    models.put(workspaceId, model);
                    stale.invalidate(workspaceId);
                }
            }
            flight.complete(model);
            return model;
        } catch (Throwable e) {
            flight.completeExceptionally(e);
            throw e;
        } finally {
            settle(state, flight);
        }
    }

    private static void settle(LoadState state, CompletableFuture<WorkspaceDataModel> flight) {
        synchronized (state) {
            if (state.inFlight == flight) {
                state.inFlight = null;
            }
        }
    }

    private static WorkspaceDataModel shared(CompletableFuture<WorkspaceDataModel> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Per workspace: invalidations so far, the load in flight and when the last forced reload started. */
    private static final class LoadState {
        long generation;
        CompletableFuture<WorkspaceDataModel> inFlight;
        Long lastForcedReload;
    }
}
