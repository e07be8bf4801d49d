package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.StandardObjects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class FieldCreationValidationTest {

    private final StoredObject person = new StoredObject(UUID.randomUUID(),
            StandardObjects.find("person").orElseThrow(), true, MigrationStatus.APPLIED);

    @Test
    void acceptsAValidField() {
        FieldDefinition field = FieldCreation.validated(person, request("nickname", "TEXT", null, null));

        assertThat(field.name()).isEqualTo("nickname");
        assertThat(field.type()).isEqualTo(new FieldType.Text());
        assertThat(field.nullable()).isTrue();
    }

    @Test
    void rejectsSystemFieldNames() {
        assertThat(violations(request("createdAt", "TEXT", null, null)))
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("name", "reserved-name"));
    }

    @Test
    void rejectsNamesThatAreNotCamelCase() {
        assertThat(violations(request("a\"; drop schema public; --", "TEXT", null, null)))
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("name", "camel-case"));
    }

    @Test
    void rejectsDuplicateFieldNames() {
        assertThat(violations(request("jobTitle", "NUMBER", null, null)))
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("name", "duplicate"));
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThat(violations(new CreateFieldRequest(person.id(), "Bad Name", " ", "COLOUR", null, null, null,
                null, null, null, null, null))).extracting(Violation::field).containsExactlyInAnyOrder("label", "type", "name");
    }

    @Test
    void requiresADefaultForFieldsThatAreNotNullable() {
        assertThat(violations(request("score", "NUMBER", false, null)))
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("defaultValue", "required"));
        FieldDefinition field = FieldCreation.validated(person,
                request("score", "NUMBER", false, JsonNodeFactory.instance.numberNode(1)));
        assertThat(field.defaultValue()).isEqualTo(new DefaultValue.Number(1));
        assertThat(field.nullable()).isFalse();
    }

    @Test
    void refusesFieldsOnObjectsWhoseTableCouldNotBeCreated() {
        StoredObject failed = new StoredObject(person.id(), person.definition(), true, MigrationStatus.FAILED);

        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> FieldCreation.validated(failed, request("nickname", "TEXT", null, null))).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("objectMetadataId", "object-not-created"));
    }

    @Test
    void refusesUniquenessOnATypeNoIndexCanCover() {
        assertThat(violations(new CreateFieldRequest(person.id(), "body", "Label", "RICH_TEXT_V2", null, null, null,
                true, null, null, null, null))).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("isUnique", "unsupported"));
        assertThat(FieldCreation.validated(person, new CreateFieldRequest(person.id(), "badge", "Label", "TEXT", null,
                null, null, true, null, null, null, null)).unique()).isTrue();
    }

    @Test
    void checksDisplaySettingsAgainstTheType() {
        JsonNode settings = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree("{\"decimals\": 101, \"type\": \"roman\", \"colour\": \"red\"}");
        assertThat(violations(new CreateFieldRequest(person.id(), "score", "Score", "NUMBER", null, null, null, null,
                null, null, settings, null))).extracting(Violation::field)
                .containsExactlyInAnyOrder("settings.decimals", "settings.type", "settings.colour");
        JsonNode good = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree("{\"decimals\": 2, \"type\": \"percentage\"}");
        assertThat(FieldSettings.read(new org.opencrm.schema.FieldType.Number(), good, new java.util.ArrayList<>()))
                .isEqualTo(good);
    }

    private CreateFieldRequest request(String name, String type, Boolean nullable, JsonNode defaultValue) {
        return new CreateFieldRequest(person.id(), name, "Label", type, null, null, nullable, null, defaultValue,
                null, null, null);
    }

    private java.util.List<Violation> violations(CreateFieldRequest request) {
        return catchThrowableOfType(InvalidInputException.class, () -> FieldCreation.validated(person, request))
                .violations();
    }
}
