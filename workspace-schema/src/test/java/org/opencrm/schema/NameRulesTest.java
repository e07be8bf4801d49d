package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class NameRulesTest {

    private static final List<ObjectDefinition> WORKSPACE = StandardObjects.all();

    private static final ObjectDefinition INVOICE =
            ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", null);

    @Test
    void acceptsCamelCaseObjectNames() {
        assertThat(NameRules.validateObjectNames("purchaseOrder", "purchaseOrders", WORKSPACE)).isEmpty();
    }

    @Test
    void rejectsObjectNamesThatAreNotCamelCase() {
        assertObjectViolations("purchase_order", "PurchaseOrders",
                tuple("nameSingular", "camel-case"), tuple("namePlural", "camel-case"));
        assertObjectViolations("façade", "1facades", tuple("nameSingular", "camel-case"),
                tuple("namePlural", "camel-case"));
    }

    @Test
    void rejectsMissingObjectNames() {
        assertObjectViolations(null, "", tuple("nameSingular", "required"), tuple("namePlural", "required"));
    }

    @Test
    void rejectsSqlReservedWords() {
        assertObjectViolations("select", "selects", tuple("nameSingular", "reserved-word"));
        assertObjectViolations("order", "orders", tuple("nameSingular", "reserved-word"));
        assertObjectViolations("group", "groups", tuple("nameSingular", "reserved-word"));
        assertObjectViolations("fromItem", "table", tuple("namePlural", "reserved-word"));
    }

    @Test
    void rejectsNamesTheSystemReserves() {
        assertObjectViolations("message", "messages", tuple("nameSingular", "reserved-name"),
                tuple("namePlural", "reserved-name"));
        assertObjectViolations("batchItem", "batch", tuple("namePlural", "reserved-name"));
    }

    @Test
    void rejectsNamesOfExistingObjects() {
        List<ObjectDefinition> workspace = List.of(INVOICE);

        assertThat(NameRules.validateObjectNames("invoice", "bills", workspace))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("nameSingular", "duplicate"));
        assertThat(NameRules.validateObjectNames("bill", "invoices", workspace))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("namePlural", "duplicate"));
    }

    @Test
    void rejectsPluralEqualToSingular() {
        assertObjectViolations("sheep", "sheep", tuple("namePlural", "plural-equals-singular"));
    }

    @Test
    void rejectsNamesWhoseTableIsTooLong() {
        String singular = "a".repeat(63);

        assertObjectViolations(singular, "b".repeat(64),
                tuple("nameSingular", "too-long"), tuple("namePlural", "too-long"));
        assertThat(NameRules.validateObjectNames("a".repeat(62), "b".repeat(63), WORKSPACE)).isEmpty();
    }

    @Test
    void acceptsANewField() {
        assertThat(NameRules.validateField(INVOICE,
                FieldDefinition.of("amountDue", "Amount due", new FieldType.Currency()))).isEmpty();
    }

    @Test
    void rejectsFieldNamesThatAreNotCamelCase() {
        assertFieldViolations(FieldDefinition.of("amount_due", "Amount", new FieldType.Number()),
                tuple("name", "camel-case"));
    }

    @Test
    void rejectsSystemFieldNames() {
        for (String name : SystemFields.NAMES) {
            assertFieldViolations(FieldDefinition.of(name, "Label", new FieldType.Text()),
                    tuple("name", "reserved-name"));
        }
    }

    @Test
    void rejectsExistingFieldNames() {
        assertFieldViolations(FieldDefinition.of("name", "Name", new FieldType.Text()), tuple("name", "duplicate"));
    }

    @Test
    void rejectsFieldsWhoseColumnsCollideWithExistingColumns() {
        ObjectDefinition withText = INVOICE.withField(FieldDefinition.of("payerFirstName", "x", new FieldType.Text()));

        assertThat(NameRules.validateField(withText, FieldDefinition.of("payer", "Payer", new FieldType.FullName())))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("name", "column-collision"));
        assertFieldViolations(FieldDefinition.of("createdBySource", "Source", new FieldType.Text()),
                tuple("name", "column-collision"));
    }

    @Test
    void rejectsARelationWhoseForeignKeyCollides() {
        ObjectDefinition withCompanyId = INVOICE.withField(FieldDefinition.of("companyId", "x", new FieldType.Uuid()));

        assertThat(NameRules.validateField(withCompanyId, FieldDefinition.of("company", "Company",
                FieldType.Relation.manyToOne("company", "invoices", OnDelete.SET_NULL))))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("name", "column-collision"));
    }

    @Test
    void rejectsFieldsWhoseColumnsAreTooLong() {
        String name = "a".repeat(50);

        assertFieldViolations(FieldDefinition.of(name, "Long", new FieldType.Phones()), tuple("name", "too-long"));
        assertFieldViolations(FieldDefinition.of("b".repeat(64), "Long", FieldType.Relation.oneToMany("x", "y")),
                tuple("name", "too-long"));
    }

    @Test
    void rejectsSelectFieldsWhoseEnumTypeNameIsTooLong() {
        FieldDefinition select = FieldDefinition.of("s".repeat(50), "Long",
                new FieldType.Select(List.of(new SelectOption("A", "a", null, 0))));

        assertFieldViolations(select, tuple("name", "too-long"));
    }

    private static void assertObjectViolations(String singular, String plural, Tuple... expected) {
        List<Violation> violations = NameRules.validateObjectNames(singular, plural, WORKSPACE);
        assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(expected);
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    private static void assertFieldViolations(FieldDefinition field, Tuple... expected) {
        assertThat(NameRules.validateField(INVOICE, field))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(expected);
    }

    @Test
    void tellsReservedWordsInAnyCase() {
        assertThat(NameRules.isReservedWord("select")).isTrue();
        assertThat(NameRules.isReservedWord("Order")).isTrue();
        assertThat(NameRules.isReservedWord("invoice")).isFalse();
        assertThat(NameRules.isReservedWord(null)).isFalse();
    }
}
