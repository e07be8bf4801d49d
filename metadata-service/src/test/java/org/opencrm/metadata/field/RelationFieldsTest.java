package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.Violation;
import org.opencrm.metadata.migration.MigrationStatus;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.OnDelete;
import org.opencrm.schema.RelationType;
import org.opencrm.schema.StandardObjects;

class RelationFieldsTest {

    private final StoredObject invoice = stored(ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice",
            "Invoices", null));
    private final StoredObject company = stored(StandardObjects.find("company").orElseThrow());
    private final List<StoredObject> objects = List.of(invoice, company);

    @Test
    void givesAManyToOneFieldAnInverseNamedAfterTheSourcePlural() {
        RelationPair pair = validated(request(invoice, "company", payload(company, "MANY_TO_ONE", null, null)));

        assertThat(pair.sourceHoldsForeignKey()).isTrue();
        assertThat(pair.sourceField().type()).isEqualTo(
                new FieldType.Relation(RelationType.MANY_TO_ONE, "company", "invoices", OnDelete.SET_NULL));
        assertThat(pair.targetField().name()).isEqualTo("invoices");
        assertThat(pair.targetField().label()).isEqualTo("Invoices");
        assertThat(pair.targetField().type()).isEqualTo(
                new FieldType.Relation(RelationType.ONE_TO_MANY, "invoice", "company", OnDelete.SET_NULL));
    }

    @Test
    void namesTheInverseAfterItsLabel() {
        RelationPair pair = validated(request(company, "billedInvoices",
                payload(invoice, "ONE_TO_MANY", "Billed company", "CASCADE")));

        assertThat(pair.sourceHoldsForeignKey()).isFalse();
        assertThat(pair.targetField().name()).isEqualTo("billedCompany");
        assertThat(pair.targetField().type()).isEqualTo(
                new FieldType.Relation(RelationType.MANY_TO_ONE, "company", "billedInvoices", OnDelete.CASCADE));
    }

    @Test
    void rejectsAnInverseThatMeetsAnExistingField() {
        assertThat(violations(request(invoice, "owner", payload(company, "MANY_TO_ONE", "People", null))))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("relationCreationPayload.targetFieldLabel", "duplicate"));
    }

    @Test
    void rejectsBothSidesOfASelfRelationWithOneName() {
        assertThat(violations(request(invoice, "parent", payload(invoice, "MANY_TO_ONE", "Parent", null))))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("relationCreationPayload.targetFieldLabel", "duplicate"));
    }

    @Test
    void requiresAPayloadWithAKnownSide() {
        assertThat(violations(request(invoice, "company", null))).extracting(Violation::field)
                .containsExactly("relationCreationPayload");
        assertThat(violations(request(invoice, "company", payload(company, "MANY_TO_MANY", null, "EXPLODE"))))
                .extracting(Violation::field)
                .containsExactly("relationCreationPayload.type", "relationCreationPayload.onDelete");
    }

    @Test
    void refusesATargetOutsideTheWorkspaceNamingThePayloadField() {
        RelationCreationPayload elsewhere = new RelationCreationPayload(UUID.randomUUID(), "MANY_TO_ONE", null, null,
                null);

        assertThat(violations(request(invoice, "company", elsewhere))).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("relationCreationPayload.targetObjectMetadataId",
                        "not-found"));
    }

    @Test
    void derivesNamesFromLabels() {
        assertThat(RelationFields.nameFromLabel("Linked invoices")).isEqualTo("linkedInvoices");
        assertThat(RelationFields.nameFromLabel(" Account-owner ")).isEqualTo("accountOwner");
    }

    private RelationPair validated(CreateFieldRequest request) {
        StoredObject source = objects.stream().filter(o -> o.id().equals(request.objectMetadataId())).findFirst()
                .orElseThrow();
        return RelationFields.validated(source, objects, request, new ArrayList<>());
    }

    private List<Violation> violations(CreateFieldRequest request) {
        return catchThrowableOfType(InvalidInputException.class, () -> validated(request)).violations();
    }

    private static CreateFieldRequest request(StoredObject source, String name, RelationCreationPayload payload) {
        return new CreateFieldRequest(source.id(), name, "Label", "RELATION", null, null, null, null, null, null, null, payload);
    }

    private static RelationCreationPayload payload(StoredObject target, String type, String label, String onDelete) {
        return new RelationCreationPayload(target.id(), type, label, null, onDelete);
    }

    private static StoredObject stored(ObjectDefinition definition) {
        return new StoredObject(UUID.randomUUID(), definition, true, MigrationStatus.APPLIED);
    }
}
