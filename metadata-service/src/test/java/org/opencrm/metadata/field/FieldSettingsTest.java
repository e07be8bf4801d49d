package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.OnDelete;
import org.opencrm.schema.SelectOption;

class FieldSettingsTest {

    @Test
    void storesSelectOptionsInOrder() {
        FieldType select = new FieldType.Select(List.of(new SelectOption("NEW", "New", "green", 0),
                new SelectOption("DONE", "Done", null, 1)));

        assertThat(FieldSettings.options(select)).hasToString(
                "[{\"value\":\"NEW\",\"label\":\"New\",\"color\":\"green\",\"position\":0},"
                        + "{\"value\":\"DONE\",\"label\":\"Done\",\"color\":null,\"position\":1}]");
        assertThat(FieldSettings.options(new FieldType.Text())).isNull();
    }

    @Test
    void storesHowARelationIsLaidOut() {
        FieldDefinition company = FieldDefinition.of("company", "Company",
                FieldType.Relation.manyToOne("company", "people", OnDelete.SET_NULL));
        FieldDefinition people = FieldDefinition.of("people", "People", FieldType.Relation.oneToMany("person", "company"));

        assertThat(FieldSettings.settings(company)).hasToString(
                "{\"relationType\":\"MANY_TO_ONE\",\"onDelete\":\"SET_NULL\",\"joinColumnName\":\"companyId\"}");
        assertThat(FieldSettings.settings(people)).hasToString(
                "{\"relationType\":\"ONE_TO_MANY\",\"onDelete\":\"SET_NULL\"}");
    }

    @Test
    void showsDefaultsAsTwentyDoes() {
        assertThat(FieldSettings.defaultValue(FieldDefinition.of("city", "City", new FieldType.Text())
                .withDefault(new DefaultValue.Text("")))).hasToString("\"''\"");
        assertThat(FieldSettings.defaultValue(FieldDefinition.of("stage", "Stage", new FieldType.Text())
                .withDefault(new DefaultValue.EnumValue("NEW")))).hasToString("\"'NEW'\"");
        assertThat(FieldSettings.defaultValue(FieldDefinition.of("at", "At", new FieldType.DateTime())
                .withDefault(new DefaultValue.Now()))).hasToString("\"now\"");
        assertThat(FieldSettings.defaultValue(FieldDefinition.of("n", "N", new FieldType.Number())
                .withDefault(new DefaultValue.Number(3)))).hasToString("3.0");
        assertThat(FieldSettings.defaultValue(FieldDefinition.of("plain", "Plain", new FieldType.Text()))).isNull();
    }

    @Test
    void showsTheDefaultsOfACompositesParts() {
        assertThat(FieldSettings.defaultValue(FieldDefinition.of("name", "Name", new FieldType.FullName())))
                .hasToString("{\"firstName\":\"''\",\"lastName\":\"''\"}");
    }
}
