package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class FieldTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<FieldType> ONE_OF_EACH = List.of(
            new FieldType.Uuid(),
            new FieldType.Text(),
            new FieldType.Number(),
            new FieldType.Numeric(),
            new FieldType.Boolean(),
            new FieldType.Date(),
            new FieldType.DateTime(),
            new FieldType.Select(List.of(new SelectOption("NEW", "New", "red", 0))),
            new FieldType.MultiSelect(
                    List.of(new SelectOption("A", "a", null, 0), new SelectOption("B", "b", null, 1))),
            new FieldType.Rating(),
            new FieldType.RawJson(),
            new FieldType.Array(),
            new FieldType.Position(),
            new FieldType.RichText(),
            new FieldType.RichTextV2(),
            new FieldType.FullName(),
            new FieldType.Emails(),
            new FieldType.Phones(),
            new FieldType.Links(),
            new FieldType.Address(),
            new FieldType.Currency(),
            new FieldType.Actor(),
            new FieldType.TsVector(List.of("name")),
            FieldType.Relation.manyToOne("company", "people", OnDelete.RESTRICT),
            new FieldType.MorphRelation(List.of("person", "company"), OnDelete.CASCADE));

    @Test
    void namesEveryTypeAsTwentyDoes() {
        assertThat(ONE_OF_EACH).extracting(FieldType::typeName).containsExactly(
                "UUID", "TEXT", "NUMBER", "NUMERIC", "BOOLEAN", "DATE", "DATE_TIME", "SELECT", "MULTI_SELECT",
                "RATING", "RAW_JSON", "ARRAY", "POSITION", "RICH_TEXT", "RICH_TEXT_V2", "FULL_NAME", "EMAILS",
                "PHONES", "LINKS", "ADDRESS", "CURRENCY", "ACTOR", "TS_VECTOR", "RELATION", "MORPH_RELATION");
    }

    @Test
    void readsBackWhatItWrites() {
        for (FieldType type : ONE_OF_EACH) {
            assertThat(FieldTypes.parse(type.typeName(), FieldTypes.optionsOrSettings(type)))
                    .as(type.typeName())
                    .isEqualTo(type);
        }
    }

    @Test
    void parsesSelectOptionsDefaultingPositionToTheIndex() {
        FieldType type = FieldTypes.parse("SELECT", json("""
                [{"value": "NEW", "label": "New", "color": "red"}, {"value": "WON", "label": "Won"}]"""));

        assertThat(type).isEqualTo(new FieldType.Select(List.of(
                new SelectOption("NEW", "New", "red", 0), new SelectOption("WON", "Won", null, 1))));
    }

    @Test
    void parsesARelation() {
        FieldType type = FieldTypes.parse("RELATION", json("""
                {"type": "MANY_TO_ONE", "targetObjectNameSingular": "company", "inverseFieldName": "invoices"}"""));

        assertThat(type).isEqualTo(FieldType.Relation.manyToOne("company", "invoices", OnDelete.SET_NULL));
    }

    @Test
    void typesWithoutOptionsIgnoreFrontEndSettings() {
        assertThat(FieldTypes.parse("NUMBER", json("{\"decimals\": 2}"))).isEqualTo(new FieldType.Number());
        assertThat(FieldTypes.parse("TEXT", null)).isEqualTo(new FieldType.Text());
    }

    @Test
    void rejectsUnknownType() {
        assertViolations(() -> FieldTypes.parse("SPREADSHEET", null), tuple("type", "unknown-type"));
    }

    @Test
    void rejectsMissingType() {
        assertViolations(() -> FieldTypes.parse(null, null), tuple("type", "required"));
    }

    @Test
    void rejectsSelectWithoutOptions() {
        assertViolations(() -> FieldTypes.parse("SELECT", null), tuple("options", "required"));
        assertViolations(() -> FieldTypes.parse("MULTI_SELECT", json("[]")), tuple("options", "empty"));
    }

    @Test
    void rejectsDuplicateOptionValues() {
        assertViolations(() -> FieldTypes.parse("SELECT", json("""
                [{"value": "NEW", "label": "New"}, {"value": "NEW", "label": "Again"}]""")),
                tuple("options[1].value", "duplicate"));
    }

    @Test
    void rejectsOptionValuesThatAreNotUpperSnakeCase() {
        assertViolations(() -> FieldTypes.parse("SELECT", json("""
                [{"value": "new", "label": "New"},
                 {"value": "1ST", "label": "First"},
                 {"value": "OK_2", "label": "Ok"}]""")),
                tuple("options[0].value", "enum-value-format"), tuple("options[1].value", "enum-value-format"));
    }

    @Test
    void rejectsOptionsWithoutLabel() {
        assertViolations(() -> FieldTypes.parse("SELECT", json("[{\"value\": \"NEW\"}]")),
                tuple("options[0].label", "required"));
    }

    @Test
    void rejectsRelationWithoutTargetOrWithUnknownOnDelete() {
        assertViolations(() -> FieldTypes.parse("RELATION", json("""
                {"type": "MANY_TO_ONE", "inverseFieldName": "invoices", "onDelete": "EXPLODE"}""")),
                tuple("settings.targetObjectNameSingular", "required"), tuple("settings.onDelete", "unknown-value"));
    }

    @Test
    void rejectsMorphRelationWithoutTargets() {
        assertViolations(() -> FieldTypes.parse("MORPH_RELATION", json("{\"targetObjectNameSingulars\": []}")),
                tuple("settings.targetObjectNameSingulars", "empty"));
    }

    @Test
    void constructorsKeepTheSameRulesAsTheParser() {
        assertThatExceptionOfType(InvalidFieldTypeException.class).isThrownBy(() -> new FieldType.Select(List.of(
                new SelectOption("A", "a", null, 0), new SelectOption("A", "b", null, 1))));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static void assertViolations(Runnable parse, org.assertj.core.groups.Tuple... expected) {
        assertThatExceptionOfType(InvalidFieldTypeException.class)
                .isThrownBy(parse::run)
                .satisfies(e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::rule)
                        .containsExactly(expected))
                .satisfies(e -> assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank()));
    }
}
