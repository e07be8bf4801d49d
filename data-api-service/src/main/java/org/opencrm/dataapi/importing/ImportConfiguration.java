package org.opencrm.dataapi.importing;

import javax.sql.DataSource;

import org.opencrm.outbox.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/** The parts of bulk import. */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    @Bean
    ImportJobs importJobs(JdbcTemplate jdbc, JsonMapper json) {
        return new ImportJobs(jdbc, json);
    }

    @Bean
    ImportRunner importRunner(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
            ImportJobs jobs, Outbox outbox, ImportProperties properties, JsonMapper json) {
        Importer importer = new Importer(dataSource, jdbc, transactions, jobs, new ImportEvents(outbox, properties),
                properties, json);
        return new ImportRunner(importer, jobs, properties);
    }
}
