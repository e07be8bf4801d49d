package org.opencrm.dataapi.record;

import org.opencrm.dataapi.model.WorkspaceDataModels;
import org.opencrm.outbox.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The records API's parts; only {@link RecordOperations} is meant for other packages. */
@Configuration(proxyBeanMethods = false)
class RecordConfiguration {

    @Bean
    RecordStore recordStore(NamedParameterJdbcTemplate jdbc, Outbox outbox) {
        return new RecordStore(jdbc, new RecordEvents(outbox));
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
