package org.opencrm.schema;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The PostgreSQL schema of a workspace, named as Twenty names it. */
public final class WorkspaceSchemaName {

    private static final String PREFIX = "workspace_";
    /** Names already computed: every request needs its workspace's, and the base-36 conversion is not free. */
    private static final Map<UUID, String> NAMES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 100_000;

    private WorkspaceSchemaName() {}

    /** {@code workspace_} + the uuid's 16 bytes read as one unsigned 128-bit number, in lowercase base 36. */
    public static String of(UUID workspaceId) {
        String cached = NAMES.get(workspaceId);
        if (cached != null) {
            return cached;
        }
        if (NAMES.size() >= MAX_CACHED) {
            NAMES.clear();
        }
        String name = compute(workspaceId);
        NAMES.put(workspaceId, name);
        return name;
    }

    private static String compute(UUID workspaceId) {
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(workspaceId.getMostSignificantBits())
                .putLong(workspaceId.getLeastSignificantBits())
                .array();
        return PREFIX + new BigInteger(1, bytes).toString(36);
    }
}
