package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspaceSchemaNameTest {

    @Test
    void writesTheSmallestUuidAsOne() {
        assertThat(WorkspaceSchemaName.of(UUID.fromString("00000000-0000-0000-0000-000000000001")))
                .isEqualTo("workspace_1");
    }

    @Test
    void readsTheUuidAsAnUnsigned128BitNumber() {
        assertThat(WorkspaceSchemaName.of(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff")))
                .isEqualTo("workspace_f5lxx1zz5pnorynqglhzmsp33");
    }

    @Test
    void writesAnOrdinaryUuidInLowercaseBase36() {
        assertThat(WorkspaceSchemaName.of(UUID.fromString("20202020-b4a3-4b2c-9a86-d7f0e8f1a2b3")))
                .isEqualTo("workspace_1wgvd1n89n3iape3bjtzd7ovn");
    }

    @Test
    void isAValidIdentifierForEveryUuid() {
        String name = WorkspaceSchemaName.of(UUID.randomUUID());

        assertThat(name).matches("workspace_[0-9a-z]{1,25}");
        assertThat(SqlIdentifiers.quote(name)).isEqualTo('"' + name + '"');
    }
}
