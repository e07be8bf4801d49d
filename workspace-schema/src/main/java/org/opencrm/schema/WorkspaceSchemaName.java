package org.opencrm.schema;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** The PostgreSQL schema of a workspace, named as Twenty names it. */
public final class WorkspaceSchemaName {

    private static final String PREFIX = "workspace_";

    private WorkspaceSchemaName() {}

    /** {@code workspace_} + the uuid's 16 bytes read as one unsigned 128-bit number, in lowercase base 36. */
    public static String of(UUID workspaceId) {
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(workspaceId.getMostSignificantBits())
                .putLong(workspaceId.getLeastSignificantBits())
                .array();
        return PREFIX + new BigInteger(1, bytes).toString(36);
    }
}
