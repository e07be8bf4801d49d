package org.opencrm.metadata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class PatchBodyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void refusesUnknownAndImmutablePropertiesAllAtOnce() {
        assertThatThrownBy(() -> PatchBody.of(JSON.readTree("{\"label\": \"x\", \"colour\": 1, \"id\": \"y\"}"),
                Set.of("label"), Set.of("id")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::rule)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("colour", "unknown-property"),
                                org.assertj.core.groups.Tuple.tuple("id", "immutable")));
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertThatThrownBy(() -> PatchBody.of(JSON.readTree("[1]"), Set.of(), Set.of()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void readsTypedValuesAndRefusesWrongTypes() {
        PatchBody body = PatchBody.of(JSON.readTree("{\"label\": \"x\", \"isActive\": false, \"icon\": null}"),
                Set.of("label", "isActive", "icon"), Set.of());

        assertThat(body.text("label")).isEqualTo("x");
        assertThat(body.bool("isActive")).isFalse();
        assertThat(body.nullableText("icon")).isNull();
        assertThatThrownBy(() -> body.text("isActive")).isInstanceOf(InvalidInputException.class);
    }
}
