package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.SchemaOperation.OperationCase;

class FieldTypeChangesTest {

    private static final List<SelectOption> OPTIONS = List.of(new SelectOption("A", "A", null, 0),
            new SelectOption("B", "B", null, 1));
    private static final ObjectDefinition INVOICE =
            ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", null);

    @Test
    void allowsTheConversionsThatKeepValues() {
        assertThat(FieldTypeChanges.refusal(new FieldType.Text(), new FieldType.Select(OPTIONS))).isEmpty();
        assertThat(FieldTypeChanges.refusal(new FieldType.Select(OPTIONS), new FieldType.MultiSelect(OPTIONS))).isEmpty();
        assertThat(FieldTypeChanges.refusal(new FieldType.Select(OPTIONS), new FieldType.Text())).isEmpty();
        assertThat(FieldTypeChanges.refusal(new FieldType.Number(), new FieldType.Numeric())).isEmpty();
        assertThat(FieldTypeChanges.refusal(new FieldType.Numeric(), new FieldType.Number())).isEmpty();
        assertThat(FieldTypeChanges.refusal(new FieldType.Boolean(), new FieldType.Text())).isEmpty();
        assertThat(FieldTypeChanges.refusal(new FieldType.Date(), new FieldType.DateTime())).isEmpty();
    }

    @Test
    void refusesTheOthersSayingWhy() {
        assertThat(FieldTypeChanges.refusal(new FieldType.Text(), new FieldType.Number()))
                .hasValue("changing TEXT to NUMBER has no safe conversion of the values");
        assertThat(FieldTypeChanges.refusal(new FieldType.Text(), new FieldType.Emails()).orElseThrow())
                .contains("EMAILS field is stored in several columns");
        assertThat(FieldTypeChanges.refusal(new FieldType.MultiSelect(OPTIONS), new FieldType.Select(OPTIONS)))
                .isPresent();
        assertThat(FieldTypeChanges.refusal(new FieldType.Rating(), new FieldType.Text())).isPresent();
    }

    @Test
    void textToSelectCreatesTheEnumTypeThenConvertsTheColumn() {
        List<SchemaOperation> plan = allowed(FieldDefinition.of("kind", "Kind", new FieldType.Text()),
                FieldDefinition.of("kind", "Kind", new FieldType.Select(OPTIONS)));

        assertThat(plan).extracting(SchemaOperation::getOperationCase)
                .containsExactly(OperationCase.CREATE_ENUM_TYPE, OperationCase.ALTER_COLUMN_TYPE);
        assertThat(plan.get(0).getCreateEnumType().getValuesList()).containsExactly("A", "B");
        assertThat(plan.get(1).getAlterColumnType().getTarget().getEnumTypeName()).isEqualTo("_invoice_kind_enum");
    }

    @Test
    void selectToTextConvertsThenDropsTheEnumType() {
        List<SchemaOperation> plan = allowed(FieldDefinition.of("kind", "Kind", new FieldType.Select(OPTIONS)),
                FieldDefinition.of("kind", "Kind", new FieldType.Text()));

        assertThat(plan).extracting(SchemaOperation::getOperationCase)
                .containsExactly(OperationCase.ALTER_COLUMN_TYPE, OperationCase.DROP_ENUM_TYPE);
        assertThat(plan.get(0).getAlterColumnType().getFromType()).isEqualTo(ColumnType.COLUMN_TYPE_ENUM);
        assertThat(plan.get(1).getDropEnumType().getTypeName()).isEqualTo("_invoice_kind_enum");
    }

    @Test
    void selectToMultiSelectKeepsTheEnumTypeAndMakesAnArray() {
        List<SchemaOperation> plan = allowed(FieldDefinition.of("kind", "Kind", new FieldType.Select(OPTIONS)),
                FieldDefinition.of("kind", "Kind", new FieldType.MultiSelect(OPTIONS)));

        assertThat(plan).singleElement().satisfies(op -> {
            assertThat(op.getAlterColumnType().getFromArray()).isFalse();
            assertThat(op.getAlterColumnType().getTarget().getArray()).isTrue();
        });
    }

    @Test
    void numberToNumericSetsTheNewDefaultAfterward() {
        List<SchemaOperation> plan = allowed(FieldDefinition.of("amount", "Amount", new FieldType.Number()),
                FieldDefinition.of("amount", "Amount", new FieldType.Numeric()).withDefault(new DefaultValue.Number(1)));

        assertThat(plan).singleElement().satisfies(op -> {
            assertThat(op.getAlterColumnType().getFromType()).isEqualTo(ColumnType.COLUMN_TYPE_DOUBLE);
            assertThat(op.getAlterColumnType().getTarget().getType()).isEqualTo(ColumnType.COLUMN_TYPE_NUMERIC);
            assertThat(op.getAlterColumnType().getTarget().getDefaultValue().getNumber()).isEqualTo(1);
        });
    }

    @Test
    void textToRichTextNeedsNoOperation() {
        assertThat(allowed(FieldDefinition.of("notes", "Notes", new FieldType.Text()),
                FieldDefinition.of("notes", "Notes", new FieldType.RichText()))).isEmpty();
    }

    private static List<SchemaOperation> allowed(FieldDefinition before, FieldDefinition after) {
        FieldTypeChanges.Outcome outcome = FieldTypeChanges.plan(INVOICE.withField(before), before, after);
        assertThat(outcome).isInstanceOf(FieldTypeChanges.Outcome.Allowed.class);
        return ((FieldTypeChanges.Outcome.Allowed) outcome).operations();
    }
}
