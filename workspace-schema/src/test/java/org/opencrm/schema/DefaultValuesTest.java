package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.Column;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DefaultValuesTest {

    private static final FieldType CHANNELS = new FieldType.MultiSelect(List.of(
            new SelectOption("EMAIL", "Email", "blue", 0), new SelectOption("PHONE", "Phone", "red", 1)));

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    @Test
    void aMultiSelectDefaultsToDistinctOptionValuesInTheirGivenOrder() {
        assertThat(DefaultValues.parse(CHANNELS, json("[\"'PHONE'\", \"EMAIL\"]")))
                .contains(new DefaultValue.EnumValues(List.of("PHONE", "EMAIL")));
        assertThat(DefaultValues.parse(CHANNELS, json("[]"))).contains(new DefaultValue.EmptyArray());
        assertThat(DefaultValues.parse(CHANNELS, json("[\"EMAIL\", \"EMAIL\"]"))).as("duplicate").isEmpty();
        assertThat(DefaultValues.parse(CHANNELS, json("[\"FAX\"]"))).as("not an option").isEmpty();
        assertThat(DefaultValues.parse(CHANNELS, json("\"EMAIL\""))).as("not an array").isEmpty();
    }

    @Test
    void aCurrencyDefaultSetsTheGivenPartsAndKeepsTheStandardDefaultOfTheOthers() {
        FieldType currency = new FieldType.Currency();
        assertThat(DefaultValues.parse(currency, json("{\"currencyCode\": \"'EUR'\"}"))).contains(
                new DefaultValue.Composite(Map.of("currencyCode", new DefaultValue.Text("EUR"))));
        assertThat(DefaultValues.parse(currency, json("{\"amountMicros\": 1000000, \"currencyCode\": null}"))).contains(
                new DefaultValue.Composite(Map.of("amountMicros", new DefaultValue.Number(1_000_000))));

        assertThat(DefaultValues.compositeProblem(currency, json("{\"currencyCode\": \"'EURO'\"}")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("defaultValue.currencyCode", "ISO 4217"));
        assertThat(DefaultValues.compositeProblem(currency, json("{\"amountMicros\": 1.5}")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("defaultValue.amountMicros", "whole"));
        assertThat(DefaultValues.compositeProblem(currency, json("{\"amount\": 1}")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("defaultValue.amount ", "[amountMicros, currencyCode]"));
        assertThat(DefaultValues.compositeProblem(currency, json("\"'EUR'\"")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("must be an object"));
    }

    @Test
    void anEmailLinkOrPhoneDefaultsToEmptyOnlyAndAnActorTakesNone() {
        assertThat(DefaultValues.compositeProblem(new FieldType.Emails(), json("{\"primaryEmail\": \"'a@b.co'\"}")))
                .isPresent();
        assertThat(DefaultValues.parse(new FieldType.Emails(), json("{\"primaryEmail\": \"''\", \"additionalEmails\": []}")))
                .contains(new DefaultValue.Composite(Map.of("primaryEmail", new DefaultValue.Text(""),
                        "additionalEmails", new DefaultValue.Json("[]"))));
        assertThat(DefaultValues.compositeProblem(new FieldType.Actor(), json("{\"name\": \"'me'\"}"))).isPresent();
    }

    @Test
    void eachPartColumnTakesItsPartOfTheDefault() {
        FieldDefinition price = FieldDefinition.of("price", "Price", new FieldType.Currency())
                .withDefault(DefaultValues.parse(new FieldType.Currency(), json("{\"currencyCode\": \"'EUR'\", \"amountMicros\": 0}"))
                        .orElseThrow());
        List<Column> columns = FieldColumns.of("quote", price).stream().map(FieldColumn::column).toList();

        assertThat(columns).extracting(Column::getName).containsExactly("priceAmountMicros", "priceCurrencyCode");
        assertThat(columns.get(0).getDefaultValue().getNumber()).isEqualTo(0.0);
        assertThat(columns.get(0).hasDefaultValue()).isTrue();
        assertThat(columns.get(1).getDefaultValue().getText()).isEqualTo("EUR");
    }
}
