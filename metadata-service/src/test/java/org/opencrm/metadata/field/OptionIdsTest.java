package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.schema.SelectOption;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

class OptionIdsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode STORED = JSON.readTree("""
            [{"id": "id-draft", "value": "DRAFT", "label": "Draft"},
             {"id": "id-paid", "value": "PAID", "label": "Paid"},
             {"id": "id-void", "value": "VOID", "label": "Void"}]""");

    @Test
    void matchesByIdThenByValueAndNamesRenamesAndRemovals() {
        JsonNode requested = JSON.readTree("""
                [{"id": "id-draft", "value": "OPEN", "label": "Open"},
                 {"value": "PAID", "label": "Paid"},
                 {"value": "LATE", "label": "Late"}]""");
        List<SelectOption> options = List.of(new SelectOption("OPEN", "Open", null, 0),
                new SelectOption("PAID", "Paid", null, 1), new SelectOption("LATE", "Late", null, 2));
        ArrayNode written = (ArrayNode) JSON.readTree("""
                [{"value": "OPEN"}, {"value": "PAID"}, {"value": "LATE"}]""");

        OptionIds.Matched matched = OptionIds.match(STORED, requested, options, written);

        assertThat(matched.renamed()).containsExactly(java.util.Map.entry("DRAFT", "OPEN"));
        assertThat(matched.removed()).containsExactly("VOID");
        assertThat(matched.options().get(0).path("id").asString()).isEqualTo("id-draft");
        assertThat(matched.options().get(1).path("id").asString()).isEqualTo("id-paid");
        assertThat(matched.options().get(2).path("id").asString()).isNotIn("id-draft", "id-paid", "id-void");
    }

    @Test
    void anUnknownIdIsANewOptionNotARename() {
        JsonNode requested = JSON.readTree("""
                [{"id": "made-up", "value": "NEW", "label": "New"}]""");
        ArrayNode written = (ArrayNode) JSON.readTree("[{\"value\": \"NEW\"}]");

        OptionIds.Matched matched = OptionIds.match(STORED, requested, List.of(new SelectOption("NEW", "New", null, 0)),
                written);

        assertThat(matched.renamed()).isEmpty();
        assertThat(matched.removed()).containsExactly("DRAFT", "PAID", "VOID");
    }

    @Test
    void givesEveryStoredOptionAnId() {
        JsonNode options = OptionIds.withIds(JSON.readTree("[{\"value\": \"A\"}, {\"value\": \"B\", \"id\": \"b\"}]"));

        assertThat(options.get(0).path("id").asString()).hasSize(36);
        assertThat(options.get(1).path("id").asString()).isEqualTo("b");
    }
}
