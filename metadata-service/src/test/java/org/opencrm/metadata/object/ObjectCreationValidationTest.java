package org.opencrm.metadata.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.StandardObjects;

class ObjectCreationValidationTest {

    private final List<ObjectDefinition> existing = List.of(
            ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", null));

    @Test
    void makesACustomObjectWithANameField() {
        ObjectDefinition object = ObjectCreation.validated(request("ticket", "tickets"), existing);

        assertThat(object.custom()).isTrue();
        assertThat(object.tableName()).isEqualTo("_ticket");
        assertThat(object.field("name")).isPresent();
    }

    @Test
    void rejectsSqlReservedWords() {
        assertThat(violations(request("select", "selects")))
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("nameSingular", "reserved-word"));
    }

    @Test
    void rejectsInjectionAttempts() {
        assertThat(violations(request("a\"; drop schema public; --", "things")))
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("nameSingular", "camel-case"));
    }

    @Test
    void rejectsAPluralEqualToTheSingular() {
        assertThat(violations(request("gadget", "gadget")))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("namePlural", "plural-equals-singular"));
    }

    @Test
    void rejectsNamesTakenByAnotherObject() {
        assertThat(violations(request("invoice", "bills")))
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("nameSingular", "duplicate"));
        assertThat(violations(request("bill", "invoice")))
                .extracting(Violation::field, Violation::rule).containsExactly(tuple("namePlural", "duplicate"));
    }

    @Test
    void requiresLabels() {
        assertThat(violations(new CreateObjectRequest("ticket", "tickets", null, "", null, null)))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("labelSingular", "required"), tuple("labelPlural", "required"));
    }

    @Test
    void rejectsStandardObjectNames() {
        assertThat(violations(request(StandardObjects.PERSON, "persons")))
                .extracting(Violation::field).contains("nameSingular");
    }

    private static CreateObjectRequest request(String nameSingular, String namePlural) {
        return new CreateObjectRequest(nameSingular, namePlural, "Label", "Labels", null, null);
    }

    private List<Violation> violations(CreateObjectRequest request) {
        return catchThrowableOfType(InvalidInputException.class, () -> ObjectCreation.validated(request, existing))
                .violations();
    }
}
