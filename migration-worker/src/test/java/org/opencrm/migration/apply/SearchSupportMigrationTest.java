package org.opencrm.migration.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.opencrm.schema.ddl.SearchSupport;

/** The worker's Flyway migration creates exactly what SearchSupport says search vectors need. */
class SearchSupportMigrationTest {

    @Test
    void theFlywayMigrationRunsEverySearchSupportStatement() throws IOException {
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/worker/V2__search_support.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        for (String statement : SearchSupport.statements()) {
            assertThat(migration).contains(statement + ";");
        }
    }
}
