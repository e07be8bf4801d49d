package org.opencrm.metadata.migration;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Lets a request wait until a migration settles instead of asking again and again. A settled migration wakes every
 * waiter once its outcome is committed; each waiter reads its migration again and goes back to waiting if it is
 * not the one. The outcome may settle on another instance of this service, whose event never reaches this one,
 * so a waiter also reads again after {@link #RECHECK}, then less and less often (up to {@link #MAX_RECHECK}): one
 * indexed query each time.
 */
@Component
class MigrationWaits {

    static final Duration RECHECK = Duration.ofMillis(50);
    /** The recheck doubles while nothing settles, up to this: a long wait costs a query a second at most. */
    static final Duration MAX_RECHECK = Duration.ofSeconds(1);

    private final Object settled = new Object();
    /** How many migrations have settled here; guarded by {@link #settled}. */
    private long settlements;

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(MigrationSettled event) {
        synchronized (settled) {
            settlements++;
            settled.notifyAll();
        }
    }

    /**
     * The migration once it is no longer PENDING, or as it is when {@code wait} runs out; empty when it cannot be
     * seen at all.
     */
    Optional<MigrationView> await(Supplier<Optional<MigrationView>> read, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long recheck = RECHECK.toNanos();
        while (true) {
            long seen;
            synchronized (settled) {
                seen = settlements;
            }
            Optional<MigrationView> migration = read.get();
            long left = deadline - System.nanoTime();
            if (migration.isEmpty() || migration.get().status() != MigrationStatus.PENDING || left <= 0) {
                return migration;
            }
            synchronized (settled) {
                // A settlement since the read was taken: read again at once rather than sleep through it.
                if (settlements == seen) {
                    long nanos = Math.min(left, recheck);
                    settled.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
                    recheck = Math.min(recheck * 2, MAX_RECHECK.toNanos());
                }
            }
        }
    }
}
