package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModel;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class RelatedRecordsTest {

    private final ObjectModel person = StandardObjectModels.of("person");
    private final WorkspaceDataModel model = new WorkspaceDataModel(UUID.randomUUID(),
            List.of(person, StandardObjectModels.of("company"), StandardObjectModels.of("opportunity")));

    @Test
    @SuppressWarnings("unchecked")
    void readsOneQueryPerRelationWhateverTheNumberOfRecords() {
        NamedParameterJdbcTemplate jdbc = mock(NamedParameterJdbcTemplate.class);
        when(jdbc.query(anyString(), any(SqlParameterSource.class), any(RowMapper.class))).thenReturn(List.of());
        List<ObjectNode> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add(JsonNodeFactory.instance.objectNode().put("id", UUID.randomUUID().toString())
                    .put("companyId", UUID.randomUUID().toString()));
        }

        new RelatedRecords(jdbc).nest(model, person, people, 1);

        ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
        verify(jdbc, times(2)).query(sql.capture(), any(SqlParameterSource.class), any(RowMapper.class));
        assertThat(sql.getAllValues()).anySatisfy(s -> assertThat(s).contains("\"company\" WHERE \"id\" IN (:ids)"));
        assertThat(sql.getAllValues()).anySatisfy(s -> assertThat(s).contains("PARTITION BY \"pointOfContactId\""));
        assertThat(people).allSatisfy(record -> {
            assertThat(record.path("company").isNull()).isTrue();
            assertThat(record.path("pointOfContactForOpportunities").isArray()).isTrue();
        });
    }
}
