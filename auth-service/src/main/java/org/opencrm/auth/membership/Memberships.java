package org.opencrm.auth.membership;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import org.opencrm.auth.user.Users;
import org.opencrm.outbox.ProcessedEvents;
import org.opencrm.proto.metadata.v1.WorkspaceCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Which users belong to which workspaces ({@code core."userWorkspace"}). */
@Component
public class Memberships {

    static final String CONSUMER = "auth-service";

    private static final Logger log = LoggerFactory.getLogger(Memberships.class);

    private final JdbcClient jdbc;
    private final Users users;
    private final ProcessedEvents processedEvents;
    private final Clock clock;

    Memberships(JdbcClient jdbc, Users users, ProcessedEvents processedEvents, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.processedEvents = processedEvents;
        this.clock = clock;
    }

    public boolean isMember(UUID userId, UUID workspaceId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM core.\"userWorkspace\" WHERE \"userId\" = ? AND \"workspaceId\" = ?)")
                .params(userId, workspaceId)
                .query(Boolean.class)
                .single();
    }

    /** Whether the user is a member of the workspace with the {@code ADMIN} role. */
    public boolean isAdmin(UUID userId, UUID workspaceId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM core.\"userWorkspace\" "
                        + "WHERE \"userId\" = ? AND \"workspaceId\" = ? AND \"role\" = 'ADMIN')")
                .params(userId, workspaceId)
                .query(Boolean.class)
                .single();
    }

    /** Makes the creator of a new workspace its admin, once per event however often it is delivered. */
    @Transactional
    void recordWorkspaceCreated(UUID eventId, UUID workspaceId, UUID creatorUserId) {
        if (!processedEvents.markProcessed(CONSUMER, eventId)) {
            return;
        }
        if (users.findById(creatorUserId).isEmpty()) {
            // Retrying cannot make the user appear; the workspace simply has no admin from this service's view.
            log.warn("{} {} names creator {}, who has no account; no membership recorded",
                    WorkspaceCreated.getDescriptor().getName(), workspaceId, creatorUserId);
            return;
        }
        jdbc.sql("INSERT INTO core.\"userWorkspace\" (\"userId\", \"workspaceId\", \"role\", \"createdAt\") "
                        + "VALUES (?, ?, 'ADMIN', ?) ON CONFLICT DO NOTHING")
                .params(creatorUserId, workspaceId, clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }
}
