package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;

class DefaultValueWriterTest {

    @Test
    void showsDefaultsAsTwentyDoes() {
        assertThat(DefaultValueWriter.defaultValue(FieldDefinition.of("city", "City", new FieldType.Text())
                .withDefault(new DefaultValue.Text("")))).hasToString("\"''\"");
        assertThat(DefaultValueWriter.defaultValue(FieldDefinition.of("stage", "Stage", new FieldType.Text())
                .withDefault(new DefaultValue.EnumValue("NEW")))).hasToString("\"'NEW'\"");
        assertThat(DefaultValueWriter.defaultValue(FieldDefinition.of("at", "At", new FieldType.DateTime())
                .withDefault(new DefaultValue.Now()))).hasToString("\"now\"");
        assertThat(DefaultValueWriter.defaultValue(FieldDefinition.of("n", "N", new FieldType.Number())
                .withDefault(new DefaultValue.Number(3)))).hasToString("3");
        assertThat(DefaultValueWriter.defaultValue(FieldDefinition.of("plain", "Plain", new FieldType.Text()))).isNull();
    }

    @Test
    void showsTheDefaultsOfACompositesParts() {
        assertThat(DefaultValueWriter.defaultValue(FieldDefinition.of("name", "Name", new FieldType.FullName())))
                .hasToString("{\"firstName\":\"''\",\"lastName\":\"''\"}");
    }
}
