package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencrm.dataapi.model.ObjectModel;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RecordInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectModel PERSON = StandardObjectModels.of("person");
    private static final ObjectModel OPPORTUNITY = StandardObjectModels.of("opportunity");

    @Test
    void flattensCompositeValuesIntoTheirColumns() {
        RecordInput input = create(PERSON, """
                {"name": {"firstName": "Ada", "lastName": "Lovelace"},
                 "emails": {"primaryEmail": "ada@example.com", "additionalEmails": ["a@b.c"]}}""");

        Map<String, JsonNode> columns = columns(input);
        assertThat(columns.get("nameFirstName").asString()).isEqualTo("Ada");
        assertThat(columns.get("nameLastName").asString()).isEqualTo("Lovelace");
        assertThat(columns.get("emailsPrimaryEmail").asString()).isEqualTo("ada@example.com");
        assertThat(columns.get("emailsAdditionalEmails").get(0).asString()).isEqualTo("a@b.c");
        assertThat(input.fields()).containsExactly("name", "emails");
    }

    @Test
    void writesAManyToOneRelationThroughItsIdProperty() {
        RecordInput input = create(PERSON, "{\"companyId\": \"6f1c1a36-3a43-4d6e-9a55-4d2b1e0f3b11\"}");

        assertThat(columns(input).get("companyId").asString()).isEqualTo("6f1c1a36-3a43-4d6e-9a55-4d2b1e0f3b11");
    }

    @Test
    void leavesOutCompositePartsTheBodyDoesNotSet() {
        RecordInput input = update(PERSON, "{\"name\": {\"lastName\": \"Byron\"}}");

        assertThat(columns(input)).containsOnlyKeys("nameLastName");
    }

    @Test
    void keepsAnEmptyUniqueEmailEmptyAsTwentyDoes() {
        assertThat(columns(create(PERSON, "{\"name\": {\"firstName\": \"No mail\"}}"))).doesNotContainKey("emailsPrimaryEmail");
        assertThat(columns(update(PERSON, "{\"emails\": {\"primaryEmail\": \"\"}}")).get("emailsPrimaryEmail").asString()).isEmpty();
    }

    @Test
    void rejectsAnUnknownFieldNamingIt() {
        assertThatThrownBy(() -> create(PERSON, "{\"shoeSize\": 42}"))
                .isInstanceOfSatisfying(InvalidRecordRequestException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("shoeSize", "unknown-field", "'person' has no field 'shoeSize'")));
    }

    @Test
    void rejectsAValueOfTheWrongTypeNamingTheCompositePart() {
        assertThatThrownBy(() -> create(PERSON, "{\"jobTitle\": 1, \"name\": {\"firstName\": false, \"nickName\": \"x\"}}"))
                .isInstanceOfSatisfying(InvalidRecordRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::rule)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("jobTitle", "type"),
                                org.assertj.core.groups.Tuple.tuple("name.firstName", "type"),
                                org.assertj.core.groups.Tuple.tuple("name.nickName", "unknown-sub-field")));
    }

    @Test
    void checksSelectOptionsDatesNumbersAndUuids() {
        assertThat(columns(create(OPPORTUNITY, """
                {"stage": "MEETING", "closeDate": "2025-03-01T10:00:00+02:00",
                 "amount": {"amountMicros": 12000000, "currencyCode": "USD"}}""")))
                .containsKeys("stage", "closeDate", "amountAmountMicros", "amountCurrencyCode");

        assertThat(fieldsAtFault(OPPORTUNITY, "{\"stage\": \"WON\"}")).containsExactly("stage");
        assertThat(fieldsAtFault(OPPORTUNITY, "{\"closeDate\": \"tomorrow\"}")).containsExactly("closeDate");
        assertThat(fieldsAtFault(OPPORTUNITY, "{\"amount\": {\"amountMicros\": \"12\"}}"))
                .containsExactly("amount.amountMicros");
        assertThat(fieldsAtFault(PERSON, "{\"companyId\": \"not-a-uuid\"}")).containsExactly("companyId");
        assertThat(fieldsAtFault(PERSON, "{\"position\": \"first\"}")).containsExactly("position");
    }

    @Test
    void refusesFieldsTheServerMaintains() {
        assertThat(fieldsAtFault(PERSON, "{\"createdAt\": \"2024-01-01T00:00:00Z\", \"createdBy\": {}}"))
                .containsExactlyInAnyOrder("createdAt", "createdBy");
        assertThatThrownBy(() -> update(PERSON, "{\"id\": \"6f1c1a36-3a43-4d6e-9a55-4d2b1e0f3b11\"}"))
                .isInstanceOfSatisfying(InvalidRecordRequestException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("read-only"));
    }

    @Test
    void acceptsAnIdOnCreation() {
        assertThat(columns(create(PERSON, "{\"id\": \"6f1c1a36-3a43-4d6e-9a55-4d2b1e0f3b11\"}"))).containsKey("id");
    }

    @Test
    void rejectsABodyThatIsNotAnObjectAndAnEmptyUpdate() {
        assertThat(fieldsAtFault(PERSON, "[1, 2]")).containsExactly("body");
        assertThatThrownBy(() -> update(PERSON, "{}"))
                .isInstanceOfSatisfying(InvalidRecordRequestException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("body"));
    }

    @Test
    void rejectsNullForAFieldThatCannotBeNull() {
        assertThat(fieldsAtFault(OPPORTUNITY, "{\"stage\": null}")).containsExactly("stage");
        assertThat(columns(create(PERSON, "{\"city\": null}"))).containsEntry("city", null);
    }

    private static RecordInput create(ObjectModel object, String body) {
        return RecordInput.read(object, JSON.readTree(body), RecordInput.Mode.CREATE);
    }

    private static RecordInput update(ObjectModel object, String body) {
        return RecordInput.read(object, JSON.readTree(body), RecordInput.Mode.UPDATE);
    }

    private static java.util.List<String> fieldsAtFault(ObjectModel object, String body) {
        try {
            create(object, body);
        } catch (InvalidRecordRequestException e) {
            return e.violations().stream().map(Violation::field).toList();
        }
        throw new AssertionError("accepted " + body);
    }

    private static Map<String, JsonNode> columns(RecordInput input) {
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        input.values().forEach(value -> columns.put(value.column().getName(), value.value()));
        return columns;
    }
}
