package org.opencrm.dataapi.record;

import java.time.Clock;

import org.opencrm.dataapi.model.WorkspaceDataModels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The group-by and search reads. */
@Configuration(proxyBeanMethods = false)
class RecordQueryConfiguration {

    @Bean
    RecordGroups recordGroups(NamedParameterJdbcTemplate jdbc) {
        return new RecordGroups(jdbc);
    }

    @Bean
    RecordSearch recordSearch(NamedParameterJdbcTemplate jdbc) {
        return new RecordSearch(jdbc, Clock.systemUTC());
    }

    @Bean
    RecordSearches recordSearches(RecordOperations records, WorkspaceDataModels models, RecordSearch search) {
        return new RecordSearches(records, models, search);
    }
}
