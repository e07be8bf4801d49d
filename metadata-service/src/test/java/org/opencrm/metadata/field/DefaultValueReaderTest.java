package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SelectOption;

import tools.jackson.databind.json.JsonMapper;

class DefaultValueReaderTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Violation> violations = new ArrayList<>();
    private final FieldType.Select stage = new FieldType.Select(List.of(new SelectOption("NEW", "New", null, 0),
            new SelectOption("WON", "Won", null, 1)));

    @Test
    void acceptsTwentysQuotedTextsAndPlainOnes() {
        assertThat(read(new FieldType.Text(), "\"'hello'\"")).contains(new DefaultValue.Text("hello"));
        assertThat(read(new FieldType.Text(), "\"hello\"")).contains(new DefaultValue.Text("hello"));
        assertThat(read(stage, "\"'WON'\"")).contains(new DefaultValue.EnumValue("WON"));
        assertThat(violations).isEmpty();
    }

    @Test
    void acceptsValuesOfTheFieldsType() {
        assertThat(read(new FieldType.Number(), "42.5")).contains(new DefaultValue.Number(42.5));
        assertThat(read(new FieldType.Boolean(), "true")).contains(new DefaultValue.Boolean(true));
        assertThat(read(new FieldType.DateTime(), "\"now\"")).contains(new DefaultValue.Now());
        assertThat(read(new FieldType.Uuid(), "\"uuid\"")).contains(new DefaultValue.RandomUuid());
        assertThat(read(new FieldType.RawJson(), "{\"a\": 1}")).contains(new DefaultValue.Json("{\"a\":1}"));
        assertThat(violations).isEmpty();
    }

    @Test
    void absentOrNullMeansNoDefault() {
        assertThat(DefaultValueReader.fromApi(new FieldType.Text(), null, violations)).isEmpty();
        assertThat(read(new FieldType.Text(), "null")).isEmpty();
        assertThat(violations).isEmpty();
    }

    @Test
    void rejectsValuesOfAnotherType() {
        assertThat(read(new FieldType.Number(), "\"high\"")).isEmpty();
        assertThat(read(new FieldType.Boolean(), "1")).isEmpty();
        assertThat(read(new FieldType.DateTime(), "\"2024-01-01\"")).isEmpty();
        assertThat(read(stage, "\"'LOST'\"")).isEmpty();
        assertThat(violations).extracting(Violation::field).containsOnly("defaultValue");
        assertThat(violations).extracting(Violation::rule).containsOnly("type");
        assertThat(violations).hasSize(4);
    }

    @Test
    void readsACompositeDefaultPartByPartAndNamesThePartItRefuses() {
        assertThat(read(new FieldType.FullName(), "{\"firstName\": \"'Ada'\"}")).contains(new DefaultValue.Composite(
                java.util.Map.of("firstName", new DefaultValue.Text("Ada"), "lastName", new DefaultValue.Text(""))));
        assertThat(violations).isEmpty();

        assertThat(read(new FieldType.Currency(), "{\"currencyCode\": \"'XX'\"}")).isEmpty();
        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("defaultValue");
            assertThat(violation.message()).startsWith("defaultValue.currencyCode must be an ISO 4217 currency code");
        });
    }

    @Test
    void rejectsDefaultsOfTypesThatTakeNone() {
        assertThat(read(FieldType.TsVector.ofTextColumns(List.of("name")), "\"text\"")).isEmpty();
        assertThat(read(new FieldType.Position(), "1")).isEmpty();
        assertThat(violations).containsExactly(
                new Violation("defaultValue", "type", "fields of type TS_VECTOR take no defaultValue"),
                new Violation("defaultValue", "type", "fields of type POSITION take no defaultValue"));
    }

    private java.util.Optional<DefaultValue> read(FieldType type, String value) {
        return DefaultValueReader.fromApi(type, json.readTree(value), violations);
    }
}
