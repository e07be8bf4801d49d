package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SelectOption;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestedFieldTypeTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Violation> violations = new ArrayList<>();

    @Test
    void readsPlainTypesByTwentysNames() {
        assertThat(RequestedFieldType.read("TEXT", null, violations)).contains(new FieldType.Text());
        assertThat(RequestedFieldType.read("NUMBER", null, violations)).contains(new FieldType.Number());
        assertThat(RequestedFieldType.read("BOOLEAN", null, violations)).contains(new FieldType.Boolean());
        assertThat(RequestedFieldType.read("DATE_TIME", null, violations)).contains(new FieldType.DateTime());
        assertThat(RequestedFieldType.read("FULL_NAME", null, violations)).contains(new FieldType.FullName());
        assertThat(violations).isEmpty();
    }

    @Test
    void readsSelectOptionsWithTheirPositions() {
        JsonNode options = json.readTree("""
                [{"value": "NEW", "label": "New", "color": "green"},
                 {"value": "DONE", "label": "Done", "position": 7}]""");

        assertThat(RequestedFieldType.read("SELECT", options, violations)).contains(new FieldType.Select(List.of(
                new SelectOption("NEW", "New", "green", 0), new SelectOption("DONE", "Done", null, 7))));
        assertThat(violations).isEmpty();
    }

    @Test
    void rejectsUnknownType() {
        assertThat(RequestedFieldType.read("COLOUR", null, violations)).isEmpty();
        assertThat(violations).containsExactly(
                new Violation("type", "unknown-type", "'COLOUR' is not a field type"));
    }

    @Test
    void requiresAType() {
        assertThat(RequestedFieldType.read(null, null, violations)).isEmpty();
        assertThat(RequestedFieldType.read(" ", null, violations)).isEmpty();
        assertThat(violations).containsExactly(new Violation("type", "required", "type is required"),
                new Violation("type", "required", "type is required"));
    }

    @Test
    void rejectsTypesOnlyThePlatformCreates() {
        assertThat(RequestedFieldType.read("TS_VECTOR", null, violations)).isEmpty();
        assertThat(violations).extracting(Violation::rule).containsExactly("unsupported-type");
    }

    @Test
    void rejectsSelectWithoutOptions() {
        assertThat(RequestedFieldType.read("SELECT", null, violations)).isEmpty();
        assertThat(violations).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("options", "required"));
    }

    @Test
    void namesEachBadOption() {
        JsonNode options = json.readTree("""
                [{"value": "lower", "label": "Lower"}, {"label": "No value"}, {"value": "OK", "label": "Ok"},
                 {"value": "OK", "label": "Again"}]""");

        assertThat(RequestedFieldType.read("MULTI_SELECT", options, violations)).isEmpty();
        assertThat(violations).extracting(Violation::field)
                .containsExactly("options[1].value");

        violations.clear();
        JsonNode formatAndDuplicate = json.readTree("""
                [{"value": "lower", "label": "Lower"}, {"value": "OK", "label": "Ok"}, {"value": "OK", "label": "Again"}]""");
        assertThat(RequestedFieldType.read("SELECT", formatAndDuplicate, violations)).isEmpty();
        assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("options[0].value", "enum-value-format"),
                org.assertj.core.groups.Tuple.tuple("options[2].value", "duplicate"));
    }
}
