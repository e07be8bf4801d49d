package org.opencrm.schema;

import java.util.Objects;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.DefaultFunction;

/** The default of a column: a typed constant or one of a few functions, never SQL text. */
public sealed interface DefaultValue {

    default ColumnDefault toProto() {
        return switch (this) {
            case Text t -> ColumnDefault.newBuilder().setText(t.value()).build();
            case Number n -> ColumnDefault.newBuilder().setNumber(n.value()).build();
            case Boolean b -> ColumnDefault.newBuilder().setBoolean(b.value()).build();
            case EnumValue e -> ColumnDefault.newBuilder().setEnumValue(e.value()).build();
            case Json j -> ColumnDefault.newBuilder().setJson(j.json()).build();
            case Now n -> ColumnDefault.newBuilder().setFunction(DefaultFunction.DEFAULT_FUNCTION_NOW).build();
            case RandomUuid u ->
                    ColumnDefault.newBuilder().setFunction(DefaultFunction.DEFAULT_FUNCTION_GEN_RANDOM_UUID).build();
            case EmptyArray a ->
                    ColumnDefault.newBuilder().setFunction(DefaultFunction.DEFAULT_FUNCTION_EMPTY_ARRAY).build();
        };
    }

    record Text(String value) implements DefaultValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Number(double value) implements DefaultValue {}

    record Boolean(boolean value) implements DefaultValue {}

    /** One of a SELECT field's option values. */
    record EnumValue(String value) implements DefaultValue {
        public EnumValue {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A JSON document, as text. */
    record Json(String json) implements DefaultValue {
        public Json {
            Objects.requireNonNull(json, "json");
        }
    }

    /** The time of the insert ({@code now()}). */
    record Now() implements DefaultValue {}

    /** A fresh random uuid ({@code gen_random_uuid()}). */
    record RandomUuid() implements DefaultValue {}

    /** An empty array, for MULTI_SELECT and ARRAY columns. */
    record EmptyArray() implements DefaultValue {}
}
