package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardObjectsTest {

    @Test
    void namesTheStandardObjectsAsTwentyDoes() {
        assertThat(StandardObjects.all())
                .extracting(ObjectDefinition::nameSingular, ObjectDefinition::namePlural, ObjectDefinition::custom)
                .containsExactly(
                        tuple("person", "people", false),
                        tuple("company", "companies", false),
                        tuple("opportunity", "opportunities", false));
    }

    @Test
    void givesPersonTwentysFields() {
        assertThat(fields("person")).containsExactly(
                tuple("name", "FULL_NAME"), tuple("emails", "EMAILS"), tuple("linkedinLink", "LINKS"),
                tuple("xLink", "LINKS"), tuple("jobTitle", "TEXT"), tuple("phones", "PHONES"), tuple("city", "TEXT"),
                tuple("avatarUrl", "TEXT"), tuple("company", "RELATION"),
                tuple("pointOfContactForOpportunities", "RELATION"));
        assertThat(object("person").searchFields()).containsExactly("name", "emails", "phones", "jobTitle");
    }

    @Test
    void givesCompanyTwentysFields() {
        assertThat(fields("company")).containsExactly(
                tuple("name", "TEXT"), tuple("domainName", "LINKS"), tuple("employees", "NUMBER"),
                tuple("linkedinLink", "LINKS"), tuple("xLink", "LINKS"), tuple("annualRecurringRevenue", "CURRENCY"),
                tuple("address", "ADDRESS"), tuple("idealCustomerProfile", "BOOLEAN"), tuple("people", "RELATION"),
                tuple("opportunities", "RELATION"));
        assertThat(object("company").searchFields()).containsExactly("name", "domainName");
    }

    @Test
    void givesOpportunityTwentysFields() {
        assertThat(fields("opportunity")).containsExactly(
                tuple("name", "TEXT"), tuple("amount", "CURRENCY"), tuple("closeDate", "DATE_TIME"),
                tuple("stage", "SELECT"), tuple("pointOfContact", "RELATION"), tuple("company", "RELATION"));
        assertThat(object("opportunity").searchFields()).containsExactly("name");
    }

    @Test
    void pairsEveryRelationWithItsInverse() {
        for (ObjectDefinition object : StandardObjects.all()) {
            for (FieldDefinition field : object.fields()) {
                if (field.type() instanceof FieldType.Relation relation) {
                    FieldType inverse = object(relation.targetObject()).field(relation.inverseField())
                            .orElseThrow(() -> new AssertionError("no inverse of " + field.name()))
                            .type();
                    assertThat(inverse).isInstanceOfSatisfying(FieldType.Relation.class, back -> {
                        assertThat(back.targetObject()).isEqualTo(object.nameSingular());
                        assertThat(back.inverseField()).isEqualTo(field.name());
                        assertThat(back.relationType()).isNotEqualTo(relation.relationType());
                    });
                }
            }
        }
    }

    @Test
    void followsTheNameRules() {
        for (ObjectDefinition object : StandardObjects.all()) {
            ObjectDefinition empty = new ObjectDefinition(object.nameSingular(), object.namePlural(),
                    object.labelSingular(), object.labelPlural(), null, false, List.of());
            ObjectDefinition growing = empty;
            for (FieldDefinition field : object.fields()) {
                assertThat(NameRules.validateField(growing, field)).as(field.name()).isEmpty();
                growing = growing.withField(field);
            }
        }
    }

    private static ObjectDefinition object(String name) {
        return StandardObjects.find(name).orElseThrow();
    }

    private static List<org.assertj.core.groups.Tuple> fields(String object) {
        return object(object).fields().stream().map(f -> tuple(f.name(), f.type().typeName())).toList();
    }
}
