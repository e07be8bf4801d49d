package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectDefinitionTest {

    @Test
    void givesEveryNewCustomObjectASearchedNameField() {
        ObjectDefinition invoice = ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", null);

        assertThat(invoice.custom()).isTrue();
        assertThat(invoice.tableName()).isEqualTo("_invoice");
        assertThat(invoice.field("name")).get().extracting(FieldDefinition::type).isEqualTo(new FieldType.Text());
        assertThat(invoice.searchFields()).containsExactly("name");
    }

    @Test
    void searchesTheNameFieldByDefaultWhenItHoldsText() {
        ObjectDefinition named = new ObjectDefinition("ship", "ships", "Ship", "Ships", null, true,
                List.of(FieldDefinition.of("name", "Name", new FieldType.Text())));
        ObjectDefinition numbered = new ObjectDefinition("ship", "ships", "Ship", "Ships", null, true,
                List.of(FieldDefinition.of("name", "Name", new FieldType.Number())));

        assertThat(named.searchFields()).containsExactly("name");
        assertThat(numbered.searchFields()).isEmpty();
    }

    @Test
    void refusesSearchFieldsItDoesNotHaveOrCannotSearch() {
        List<FieldDefinition> fields = List.of(FieldDefinition.of("tonnage", "Tonnage", new FieldType.Number()));

        assertThatIllegalArgumentException().isThrownBy(() -> new ObjectDefinition(
                "ship", "ships", "Ship", "Ships", null, true, fields, List.of("name")));
        assertThatIllegalArgumentException().isThrownBy(() -> new ObjectDefinition(
                "ship", "ships", "Ship", "Ships", null, true, fields, List.of("tonnage")));
    }

    @Test
    void listsSystemFieldsBeforeItsOwn() {
        ObjectDefinition invoice = ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", null);

        assertThat(invoice.allFields()).extracting(FieldDefinition::name).containsExactly(
                "id", "createdAt", "updatedAt", "deletedAt", "position", "createdBy", "updatedBy", "searchVector",
                "name");
    }
}
