package org.opencrm.dataapi.record;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.opencrm.dataapi.model.WorkspaceDataModels;
import org.opencrm.outbox.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The records API's parts; only {@link RecordOperations} is meant for other packages. */
@Configuration(proxyBeanMethods = false)
class RecordConfiguration {

    @Bean
    RecordStore recordStore(NamedParameterJdbcTemplate jdbc, Outbox outbox, RecordReadProperties read) {
        return new RecordStore(jdbc, new RecordEvents(outbox), new RecordCursor(cursorSecret(read)));
    }

    /** The configured cursor key, or a random one for this instance alone. */
    private static byte[] cursorSecret(RecordReadProperties read) {
        if (read.cursorSecret() != null && !read.cursorSecret().isBlank()) {
            return read.cursorSecret().getBytes(StandardCharsets.UTF_8);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    @Bean
    RecordOperations recordOperations(WorkspaceDataModels models, RecordStore recordStore) {
        return new RecordOperations(models, recordStore);
    }

    @Bean
    RecordDuplicates recordDuplicates(RecordOperations recordOperations, RecordStore recordStore) {
        return new RecordDuplicates(recordOperations, recordStore);
    }

    @Bean
    RecordMerge recordMerge(RecordOperations recordOperations, RecordStore recordStore) {
        return new RecordMerge(recordOperations, recordStore);
    }
}
