package org.opencrm.schema;

import java.util.List;
import java.util.Map;
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
            case EnumValues e -> ColumnDefault.newBuilder()
                    .setEnumValues(org.opencrm.proto.metadata.v1.EnumValues.newBuilder().addAllValues(e.values()))
                    .build();
            case Composite c -> throw new IllegalStateException(
                    "a composite field's default is one per part column: " + c.parts().keySet());
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

    /** Some of a MULTI_SELECT field's option values, in order, at least one. */
    record EnumValues(List<String> values) implements DefaultValue {
        public EnumValues {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an empty array is EmptyArray");
            }
        }
    }

    /**
     * The defaults of a composite field's parts (CURRENCY's {@code amountMicros} and {@code currencyCode}...), one
     * per part that has a default: parts a client left out keep their standard default, parts it set to null have
     * none. Never a column's default itself: each part's goes to its own column.
     */
    record Composite(Map<String, DefaultValue> parts) implements DefaultValue {
        public Composite {
            parts = Map.copyOf(parts);
        }
    }
}
