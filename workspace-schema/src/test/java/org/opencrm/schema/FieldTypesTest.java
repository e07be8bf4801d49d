package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
            new FieldType.TsVector(List.of(SearchSource.text("name"),
                    new SearchSource("emailsPrimaryEmail", SearchSource.Kind.EMAIL, null),
                    new SearchSource("phonesPrimaryPhoneNumber", SearchSource.Kind.PHONE,
                            "phonesPrimaryPhoneCallingCode"))),
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
            FieldDefinition field = FieldDefinition.of("field", "Field", type);
            String target = type instanceof FieldType.Relation relation ? relation.targetObject() : null;
            String inverse = type instanceof FieldType.Relation relation ? relation.inverseField() : null;
            assertThat(FieldTypes.fromMetadata(type.typeName(), FieldTypes.options(type), FieldTypes.settings(field),
                    target, inverse))
                    .as(type.typeName())
                    .isEqualTo(type);
        }
    }

    @Test
    void writesSelectOptionsInOrderWithTheirColor() {
        FieldType select = new FieldType.Select(List.of(new SelectOption("NEW", "New", "green", 0),
                new SelectOption("DONE", "Done", null, 1)));

        assertThat(FieldTypes.options(select)).hasToString(
                "[{\"value\":\"NEW\",\"label\":\"New\",\"color\":\"green\",\"position\":0},"
                        + "{\"value\":\"DONE\",\"label\":\"Done\",\"color\":null,\"position\":1}]");
        assertThat(FieldTypes.options(new FieldType.Text())).isNull();
        assertThat(FieldTypes.settings(FieldDefinition.of("name", "Name", new FieldType.Text()))).isNull();
    }

    @Test
    void writesHowARelationIsLaidOut() {
        FieldDefinition company = FieldDefinition.of("company", "Company",
                FieldType.Relation.manyToOne("company", "people", OnDelete.SET_NULL));
        FieldDefinition people = FieldDefinition.of("people", "People", FieldType.Relation.oneToMany("person", "company"));

        assertThat(FieldTypes.settings(company)).hasToString(
                "{\"relationType\":\"MANY_TO_ONE\",\"onDelete\":\"SET_NULL\",\"joinColumnName\":\"companyId\"}");
        assertThat(FieldTypes.settings(people)).hasToString(
                "{\"relationType\":\"ONE_TO_MANY\",\"onDelete\":\"SET_NULL\"}");
    }

    @Test
    void writesTheSearchVectorsSourceColumns() {
        FieldDefinition vector = FieldDefinition.of("searchVector", "Search",
                new FieldType.TsVector(List.of(SearchSource.text("nameFirstName"),
                        new SearchSource("phonesPrimaryPhoneNumber", SearchSource.Kind.PHONE,
                                "phonesPrimaryPhoneCallingCode"))));

        assertThat(FieldTypes.settings(vector)).hasToString("{\"generatedType\":\"STORED\","
                + "\"sourceColumns\":[\"nameFirstName\",\"phonesPrimaryPhoneNumber\"],"
                + "\"sources\":[{\"column\":\"nameFirstName\",\"kind\":\"TEXT\"},"
                + "{\"column\":\"phonesPrimaryPhoneNumber\",\"kind\":\"PHONE\","
                + "\"callingCodeColumn\":\"phonesPrimaryPhoneCallingCode\"}]}");
    }

    @Test
    void readsSearchVectorsWrittenBeforeSourcesHadKindsAsPlainText() {
        FieldType type = FieldTypes.fromMetadata("TS_VECTOR", null,
                json("{\"generatedType\":\"STORED\",\"sourceColumns\":[\"name\",\"jobTitle\"]}"), null, null);

        assertThat(type).isEqualTo(FieldType.TsVector.ofTextColumns(List.of("name", "jobTitle")));
    }

    @Test
    void rejectsASearchSourceOfUnknownKind() {
        assertThatThrownBy(() -> FieldTypes.fromMetadata("TS_VECTOR", null,
                json("{\"sources\":[{\"column\":\"name\",\"kind\":\"SOUNDEX\"}]}"), null, null))
                .isInstanceOfSatisfying(InvalidFieldTypeException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("settings.sources[0].kind"));
    }

    @Test
    void parsesSelectOptionsDefaultingPositionToTheIndex() {
        FieldType type = FieldTypes.fromMetadata("SELECT", json("""
                [{"value": "NEW", "label": "New", "color": "red"}, {"value": "WON", "label": "Won", "position": 7}]"""),
                null, null, null);

        assertThat(type).isEqualTo(new FieldType.Select(List.of(
                new SelectOption("NEW", "New", "red", 0), new SelectOption("WON", "Won", null, 7))));
    }

    @Test
    void parsesARelationFromItsSettingsAndEnds() {
        FieldType type = FieldTypes.fromMetadata("RELATION", null, json("""
                {"relationType": "MANY_TO_ONE", "onDelete": "CASCADE", "joinColumnName": "companyId"}"""),
                "company", "people");

        assertThat(type).isEqualTo(new FieldType.Relation(RelationType.MANY_TO_ONE, "company", "people",
                OnDelete.CASCADE));
    }

    @Test
    void parsesAMorphRelation() {
        FieldType type = FieldTypes.fromMetadata("MORPH_RELATION", null, json("""
                {"relationType": "MANY_TO_ONE", "onDelete": "CASCADE", "targetObjects": ["person", "company"]}"""),
                null, null);

        assertThat(type).isEqualTo(new FieldType.MorphRelation(List.of("person", "company"), OnDelete.CASCADE));
    }

    @Test
    void typesWithoutOptionsIgnoreFrontEndSettings() {
        assertThat(FieldTypes.fromMetadata("NUMBER", null, json("{\"decimals\": 2}"), null, null))
                .isEqualTo(new FieldType.Number());
        assertThat(FieldTypes.fromMetadata("TEXT", null, null, null, null)).isEqualTo(new FieldType.Text());
        assertThat(FieldTypes.fromMetadata("RATING", json("[{\"value\": \"RATING_1\", \"label\": \"1\"}]"), null,
                null, null)).isEqualTo(new FieldType.Rating());
    }

    @Test
    void rejectsUnknownType() {
        assertViolations(() -> parse("SPREADSHEET", null), tuple("type", "unknown-type"));
    }

    @Test
    void rejectsMissingType() {
        assertViolations(() -> parse(null, null), tuple("type", "required"));
    }

    @Test
    void rejectsSelectWithoutOptions() {
        assertViolations(() -> parse("SELECT", null), tuple("options", "required"));
        assertViolations(() -> parse("SELECT", json("{\"value\": \"NEW\"}")), tuple("options", "type"));
        assertViolations(() -> parse("MULTI_SELECT", json("[]")), tuple("options", "empty"));
    }

    @Test
    void rejectsDuplicateOptionValues() {
        assertViolations(() -> parse("SELECT", json("""
                [{"value": "NEW", "label": "New"}, {"value": "NEW", "label": "Again"}]""")),
                tuple("options[1].value", "duplicate"));
    }

    @Test
    void rejectsOptionValuesThatAreNotUpperSnakeCase() {
        assertViolations(() -> parse("SELECT", json("""
                [{"value": "new", "label": "New"},
                 {"value": "1ST", "label": "First"},
                 {"value": "OK_2", "label": "Ok"}]""")),
                tuple("options[0].value", "enum-value-format"), tuple("options[1].value", "enum-value-format"));
    }

    @Test
    void rejectsOptionsWithoutLabel() {
        assertViolations(() -> parse("SELECT", json("[{\"value\": \"NEW\"}]")),
                tuple("options[0].label", "required"));
    }

    @Test
    void namesEachUnreadableOptionBeforeCheckingTheList() {
        assertViolations(() -> parse("MULTI_SELECT", json("""
                [{"value": "lower", "label": "Lower"}, {"label": "No value"}, "OK",
                 {"value": "OK", "label": "Ok", "color": 3, "position": "first"}]""")),
                tuple("options[1].value", "required"), tuple("options[2]", "type"),
                tuple("options[3].color", "type"), tuple("options[3].position", "type"));
    }

    @Test
    void rejectsRelationWithoutTargetOrWithUnknownOnDelete() {
        assertViolations(() -> FieldTypes.fromMetadata("RELATION", null, json("""
                {"relationType": "MANY_TO_ONE", "onDelete": "EXPLODE"}"""), null, "invoices"),
                tuple("settings.onDelete", "unknown-value"), tuple("relation.targetObjectNameSingular", "required"));
        assertViolations(() -> FieldTypes.fromMetadata("RELATION", null, null, "company", "invoices"),
                tuple("settings", "required"));
    }

    @Test
    void rejectsMorphRelationWithoutTargets() {
        assertViolations(() -> FieldTypes.fromMetadata("MORPH_RELATION", null, json("{\"targetObjects\": []}"),
                null, null), tuple("settings.targetObjects", "empty"));
    }

    @Test
    void constructorsKeepTheSameRulesAsTheParser() {
        assertThatExceptionOfType(InvalidFieldTypeException.class).isThrownBy(() -> new FieldType.Select(List.of(
                new SelectOption("A", "a", null, 0), new SelectOption("A", "b", null, 1))));
    }

    private static FieldType parse(String typeName, JsonNode options) {
        return FieldTypes.fromMetadata(typeName, options, null, null, null);
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
