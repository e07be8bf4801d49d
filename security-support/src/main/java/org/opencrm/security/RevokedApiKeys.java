package org.opencrm.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of revoked API keys. Loaded from a {@link RevokedApiKeyLoader} at first use rather than at start-up, because
 * services start in any order; kept current by {@code ApiKeyRevoked} events, and loaded again every
 * {@code crm.security.revocation-refresh} by {@link #refresh()}, because the event listener starts at the latest
 * offset and never sees a revocation published before it was assigned its partition.
 *
 * <p>Until the first load succeeds the revocation status of every key is unknown and API keys are refused: an API key
 * revoked while this service was down must not be honoured.
 */
public class RevokedApiKeys {

    private static final Logger log = LoggerFactory.getLogger(RevokedApiKeys.class);

    private final RevokedApiKeyLoader loader;
    private final Clock clock;
    private final Duration retryAfterFailure;
    // Only ever grows: a load that started before an event's revocation committed must not drop what the event added.
    // Revocations are few and permanent, so the set stays small.
    private final Set<UUID> revoked = ConcurrentHashMap.newKeySet();
    // A lock rather than synchronized: the load does blocking I/O, which would pin a virtual thread in synchronized.
    private final ReentrantLock loadLock = new ReentrantLock();
    private volatile boolean loaded;
    private volatile Instant nextLoadAttempt = Instant.MIN;

    public RevokedApiKeys(RevokedApiKeyLoader loader, Clock clock, Duration retryAfterFailure) {
        this.loader = loader;
        this.clock = clock;
        this.retryAfterFailure = retryAfterFailure;
    }

    /**
     * @throws RevocationStatusUnknownException when the list has never been loaded and cannot be now
     */
    public boolean isRevoked(UUID apiKeyId) {
        if (!loaded && !clock.instant().isBefore(nextLoadAttempt)) {
            load(false);
        }
        if (!loaded) {
            throw new RevocationStatusUnknownException();
        }
        return revoked.contains(apiKeyId);
    }

    /** Records a revocation announced by an event; safe to call before the first load. */
    public void markRevoked(UUID apiKeyId) {
        revoked.add(apiKeyId);
    }

    /**
     * Loads the list again, catching the revocations no event brought. A failure keeps what is known: once loaded,
     * the status stays known and events still arrive.
     */
    public void refresh() {
        load(true);
    }

    private void load(boolean evenIfLoaded) {
        loadLock.lock();
        try {
            if (!evenIfLoaded && (loaded || clock.instant().isBefore(nextLoadAttempt))) {
                return;
            }
            revoked.addAll(loader.loadRevokedApiKeyIds());
            loaded = true;
        } catch (RuntimeException e) {
            nextLoadAttempt = clock.instant().plus(retryAfterFailure);
            log.warn("Could not load the revoked API keys, retrying after {}: {}", nextLoadAttempt, e.toString());
        } finally {
            loadLock.unlock();
        }
    }

    /** The revoked API keys could not be loaded, so no API key can be trusted yet. */
    static final class RevocationStatusUnknownException extends RuntimeException {
        RevocationStatusUnknownException() {
            super("The revocation status of API keys is unknown until auth-service can be reached", null, false, false);
        }
    }
}
