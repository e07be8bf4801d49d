package org.opencrm.dataapi.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.FieldColumns;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.StandardObjects;

class FilterSqlTest {

    private static final String SCHEMA = "workspace_1";
    private final ObjectModel opportunity = model("opportunity");
    private final ObjectModel person = model("person");

    @Test
    void bindsEveryValueTypedForItsColumn() {
        SqlParameters parameters = new SqlParameters();
        UUID company = UUID.randomUUID();

        String sql = FilterSql.render(FilterParser.parse("and(stage[in]:[NEW,MEETING],amount.amountMicros[gte]:1000,"
                + "or(companyId[eq]:" + company + ",closeDate[lt]:2025-01-01),not(name[ilike]:\"%x'--%\"))"),
                opportunity, SCHEMA, parameters);

        assertThat(sql).isEqualTo("(\"stage\" IN (CAST(:q0 AS \"workspace_1\".\"opportunity_stage_enum\"), "
                + "CAST(:q1 AS \"workspace_1\".\"opportunity_stage_enum\")) AND \"amountAmountMicros\" >= :q2 AND "
                + "(\"companyId\" = :q3 OR \"closeDate\" < :q4) AND (NOT \"name\" ILIKE :q5))");
        assertThat(parameters.source().getValue("q2")).isEqualTo(new BigDecimal("1000"));
        assertThat(parameters.source().getValue("q3")).isEqualTo(company);
        assertThat(parameters.source().getValue("q4"))
                .isEqualTo(OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(parameters.source().getValue("q5")).isEqualTo("%x'--%");
    }

    @Test
    void escapesPatternCharactersOfStartsWithAndReadsNullChecks() {
        SqlParameters parameters = new SqlParameters();

        String sql = FilterSql.render(FilterParser.parse("name.firstName[startsWith]:\"50%_\\\\\",jobTitle[is]:NULL,"
                + "city[is]:NOT_NULL"), person, SCHEMA, parameters);

        assertThat(sql).isEqualTo("(\"nameFirstName\" ILIKE :q0 AND \"jobTitle\" IS NULL AND \"city\" IS NOT NULL)");
        assertThat(parameters.source().getValue("q0")).isEqualTo("50\\\\%\\\\_\\\\\\\\%".replace("\\\\", "\\"));
    }

    @Test
    void refusesValuesThatDoNotFitTheColumnNamingTheirOffset() {
        assertThatThrownBy(() -> FilterSql.render(FilterParser.parse("city[eq]:a,amount.amountMicros[gt]:1e"), opportunity,
                SCHEMA, new SqlParameters()))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.rule()).isEqualTo("unknown-field");
                    assertThat(e.offset()).isZero();
                });
        assertThatThrownBy(() -> FilterSql.render(FilterParser.parse("name[eq]:a,amount.amountMicros[gt]:1e"),
                opportunity, SCHEMA, new SqlParameters()))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.rule()).isEqualTo("type");
                    assertThat(e.offset()).isEqualTo(35);
                });
    }

    private static ObjectModel model(String nameSingular) {
        ObjectDefinition object = StandardObjects.find(nameSingular).orElseThrow();
        return new ObjectModel(UUID.randomUUID(), object.nameSingular(), object.namePlural(), object.custom(),
                object.tableName(), object.allFields().stream()
                        .map(field -> new FieldModel(UUID.randomUUID(), field.name(), field.type(), field.nullable(),
                                field.unique(), FieldColumns.of(object.tableName(), field)))
                        .toList());
    }
}
