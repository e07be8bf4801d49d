package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.DefaultFunction;

class DefaultValueTest {

    @Test
    void mapsConstantsOntoTypedProtoDefaults() {
        assertThat(new DefaultValue.Text("x").toProto()).isEqualTo(ColumnDefault.newBuilder().setText("x").build());
        assertThat(new DefaultValue.Number(2.5).toProto()).isEqualTo(ColumnDefault.newBuilder().setNumber(2.5).build());
        assertThat(new DefaultValue.Boolean(true).toProto())
                .isEqualTo(ColumnDefault.newBuilder().setBoolean(true).build());
        assertThat(new DefaultValue.EnumValue("NEW").toProto())
                .isEqualTo(ColumnDefault.newBuilder().setEnumValue("NEW").build());
        assertThat(new DefaultValue.Json("{}").toProto()).isEqualTo(ColumnDefault.newBuilder().setJson("{}").build());
    }

    @Test
    void mapsFunctionsOntoProtoFunctions() {
        assertThat(new DefaultValue.Now().toProto().getFunction()).isEqualTo(DefaultFunction.DEFAULT_FUNCTION_NOW);
        assertThat(new DefaultValue.RandomUuid().toProto().getFunction())
                .isEqualTo(DefaultFunction.DEFAULT_FUNCTION_GEN_RANDOM_UUID);
        assertThat(new DefaultValue.EmptyArray().toProto().getFunction())
                .isEqualTo(DefaultFunction.DEFAULT_FUNCTION_EMPTY_ARRAY);
    }
}
