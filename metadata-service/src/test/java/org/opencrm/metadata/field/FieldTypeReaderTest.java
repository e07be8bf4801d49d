package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.OnDelete;
import org.opencrm.schema.RelationType;
import org.opencrm.schema.SelectOption;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FieldTypeReaderTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Violation> violations = new ArrayList<>();

    @Test
    void readsPlainTypesByTwentysNames() {
        assertThat(FieldTypeReader.fromApi("TEXT", null, violations)).contains(new FieldType.Text());
        assertThat(FieldTypeReader.fromApi("NUMBER", null, violations)).contains(new FieldType.Number());
        assertThat(FieldTypeReader.fromApi("BOOLEAN", null, violations)).contains(new FieldType.Boolean());
        assertThat(FieldTypeReader.fromApi("DATE_TIME", null, violations)).contains(new FieldType.DateTime());
        assertThat(FieldTypeReader.fromApi("FULL_NAME", null, violations)).contains(new FieldType.FullName());
        assertThat(violations).isEmpty();
    }

    @Test
    void readsSelectOptionsWithTheirPositions() {
        JsonNode options = json.readTree("""
                [{"value": "NEW", "label": "New", "color": "green"},
                 {"value": "DONE", "label": "Done", "position": 7}]""");

        assertThat(FieldTypeReader.fromApi("SELECT", options, violations)).contains(new FieldType.Select(List.of(
                new SelectOption("NEW", "New", "green", 0), new SelectOption("DONE", "Done", null, 7))));
        assertThat(violations).isEmpty();
    }

    @Test
    void rejectsUnknownType() {
        assertThat(FieldTypeReader.fromApi("COLOUR", null, violations)).isEmpty();
        assertThat(violations).containsExactly(
                new Violation("type", "unknown-type", "'COLOUR' is not a field type"));
    }

    @Test
    void rejectsTypesOnlyThePlatformCreates() {
        assertThat(FieldTypeReader.fromApi("TS_VECTOR", null, violations)).isEmpty();
        assertThat(violations).extracting(Violation::rule).containsExactly("unsupported-type");
    }

    @Test
    void rejectsSelectWithoutOptions() {
        assertThat(FieldTypeReader.fromApi("SELECT", null, violations)).isEmpty();
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("options", "required"));
    }

    @Test
    void namesEachBadOption() {
        JsonNode options = json.readTree("""
                [{"value": "lower", "label": "Lower"}, {"label": "No value"}, {"value": "OK", "label": "Ok"},
                 {"value": "OK", "label": "Again"}]""");

        assertThat(FieldTypeReader.fromApi("MULTI_SELECT", options, violations)).isEmpty();
        assertThat(violations).extracting(Violation::field)
                .containsExactly("options[1].value");

        violations.clear();
        JsonNode formatAndDuplicate = json.readTree("""
                [{"value": "lower", "label": "Lower"}, {"value": "OK", "label": "Ok"}, {"value": "OK", "label": "Again"}]""");
        assertThat(FieldTypeReader.fromApi("SELECT", formatAndDuplicate, violations)).isEmpty();
        assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("options[0].value", "enum-value-format"),
                org.assertj.core.groups.Tuple.tuple("options[2].value", "duplicate"));
    }

    @Test
    void readsStoredRelationsFromTheirSettings() {
        JsonNode settings = json.readTree("""
                {"relationType": "MANY_TO_ONE", "onDelete": "CASCADE", "joinColumnName": "companyId"}""");

        assertThat(FieldTypeReader.fromStored("RELATION", null, settings, "company", "people"))
                .isEqualTo(new FieldType.Relation(RelationType.MANY_TO_ONE, "company", "people", OnDelete.CASCADE));
    }

    @Test
    void readsBackWhatItStores() {
        FieldType select = new FieldType.Select(List.of(new SelectOption("A", "a", "red", 0)));
        assertThat(FieldTypeReader.fromStored("SELECT", FieldSettings.options(select), null, null, null))
                .isEqualTo(select);
        FieldType vector = new FieldType.TsVector(List.of("nameFirstName", "jobTitle"));
        assertThat(FieldTypeReader.fromStored("TS_VECTOR", null,
                FieldSettings.settings(org.opencrm.schema.FieldDefinition.of("searchVector", "Search", vector)),
                null, null)).isEqualTo(vector);
    }
}
