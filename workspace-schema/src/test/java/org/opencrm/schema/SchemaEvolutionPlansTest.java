package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.SchemaOperation.OperationCase;
import org.opencrm.schema.ddl.ForeignKeyNames;

class SchemaEvolutionPlansTest {

    private static final List<SelectOption> STATUSES = List.of(
            new SelectOption("DRAFT", "Draft", "gray", 0), new SelectOption("PAID", "Paid", "green", 1));
    private static final FieldDefinition STATUS = FieldDefinition.of("status", "Status",
            new FieldType.Select(STATUSES));
    private static final FieldDefinition COMPANY = FieldDefinition.of("company", "Company",
            new FieldType.Relation(RelationType.MANY_TO_ONE, "company", "invoices", OnDelete.SET_NULL));
    private static final ObjectDefinition INVOICE = ObjectDefinition
            .newCustomObject("invoice", "invoices", "Invoice", "Invoices", null)
            .withField(STATUS)
            .withField(COMPANY);
    private static final List<ObjectDefinition> WORKSPACE = withInvoice(INVOICE);

    @Test
    void renamingAnObjectRenamesItsTableAndEveryNameDerivedFromIt() {
        ObjectDefinition bill = new ObjectDefinition("bill", "bills", "Bill", "Bills", null, true, INVOICE.fields(),
                INVOICE.searchFields());

        List<SchemaOperation> plan = SchemaEvolutionPlans.renameObject(INVOICE, bill, WORKSPACE);

        assertThat(plan.getFirst().getRenameTable().getFrom()).isEqualTo("_invoice");
        assertThat(plan.getFirst().getRenameTable().getTo()).isEqualTo("_bill");
        assertThat(plan).filteredOn(SchemaOperation::hasRenameEnumType)
                .extracting(op -> op.getRenameEnumType().getFrom() + ">" + op.getRenameEnumType().getTo())
                .contains("_invoice_status_enum>_bill_status_enum",
                        "_invoice_createdBySource_enum>_bill_createdBySource_enum");
        assertThat(plan).filteredOn(SchemaOperation::hasRenameIndex)
                .extracting(op -> op.getRenameIndex().getTo())
                .contains("idx__bill_companyId", "idx__bill_searchVector");
        assertThat(plan).filteredOn(SchemaOperation::hasRenameConstraint)
                .extracting(op -> op.getRenameConstraint().getTable() + ":" + op.getRenameConstraint().getFrom()
                        + ">" + op.getRenameConstraint().getTo())
                .containsExactly("_bill:" + ForeignKeyNames.of("_invoice", "companyId") + ">"
                        + ForeignKeyNames.of("_bill", "companyId"));
        assertThat(renamedNamesMatchAFreshPlan(plan, SchemaPlans.createObject(bill, WORKSPACE))).isTrue();
    }

    @Test
    void renamingOnlyThePluralChangesNoTable() {
        ObjectDefinition plural = new ObjectDefinition("invoice", "bills", "Invoice", "Bills", null, true,
                INVOICE.fields(), INVOICE.searchFields());

        assertThat(SchemaEvolutionPlans.renameObject(INVOICE, plural, WORKSPACE)).isEmpty();
    }

    @Test
    void renamingARelationFieldRenamesItsColumnIndexAndForeignKey() {
        FieldDefinition customer = FieldDefinition.of("customer", "Customer", COMPANY.type());

        List<SchemaOperation> plan = SchemaEvolutionPlans.renameField(INVOICE, COMPANY, customer, WORKSPACE);

        assertThat(plan).extracting(SchemaOperation::getOperationCase).containsExactly(
                OperationCase.RENAME_COLUMN, OperationCase.RENAME_INDEX, OperationCase.RENAME_CONSTRAINT);
        assertThat(plan.get(0).getRenameColumn().getTo()).isEqualTo("customerId");
        assertThat(plan.get(1).getRenameIndex().getTo()).isEqualTo("idx__invoice_customerId");
        assertThat(plan.get(2).getRenameConstraint().getTo()).isEqualTo(ForeignKeyNames.of("_invoice", "customerId"));
    }

    @Test
    void renamingASelectFieldRenamesItsEnumType() {
        FieldDefinition state = FieldDefinition.of("state", "State", STATUS.type()).asUnique();

        List<SchemaOperation> plan = SchemaEvolutionPlans.renameField(INVOICE, STATUS.asUnique(), state, WORKSPACE);

        assertThat(plan).extracting(SchemaOperation::getOperationCase).containsExactly(
                OperationCase.RENAME_COLUMN, OperationCase.RENAME_ENUM_TYPE, OperationCase.RENAME_INDEX);
        assertThat(plan.get(1).getRenameEnumType().getTo()).isEqualTo("_invoice_state_enum");
        assertThat(plan.get(2).getRenameIndex().getTo()).isEqualTo("uq__invoice_state");
    }

    @Test
    void renamingACompositeFieldRenamesEachColumn() {
        FieldDefinition emails = FieldDefinition.of("emails", "Emails", new FieldType.Emails());
        FieldDefinition contacts = FieldDefinition.of("contacts", "Contacts", new FieldType.Emails());

        List<SchemaOperation> plan = SchemaEvolutionPlans.renameField(INVOICE.withField(emails), emails, contacts,
                WORKSPACE);

        assertThat(plan).extracting(op -> op.getRenameColumn().getFrom() + ">" + op.getRenameColumn().getTo())
                .containsExactly("emailsPrimaryEmail>contactsPrimaryEmail",
                        "emailsAdditionalEmails>contactsAdditionalEmails");
    }

    @Test
    void droppingAFieldDropsIndexesAndForeignKeyBeforeColumnsAndEnumTypesAfter() {
        assertThat(SchemaEvolutionPlans.dropField(INVOICE, COMPANY, WORKSPACE))
                .extracting(SchemaOperation::getOperationCase)
                .containsExactly(OperationCase.DROP_INDEX, OperationCase.DROP_FOREIGN_KEY, OperationCase.DROP_COLUMN);
        List<SchemaOperation> select = SchemaEvolutionPlans.dropField(INVOICE, STATUS, WORKSPACE);
        assertThat(select).extracting(SchemaOperation::getOperationCase)
                .containsExactly(OperationCase.DROP_COLUMN, OperationCase.DROP_ENUM_TYPE);
        assertThat(select.get(1).getDropEnumType().getTypeName()).isEqualTo("_invoice_status_enum");
    }

    @Test
    void droppingAnObjectDropsTheColumnsPointingAtItFirst() {
        ObjectDefinition company = WORKSPACE.stream().filter(o -> o.nameSingular().equals("company")).findFirst()
                .orElseThrow();
        FieldDefinition supplier = FieldDefinition.of("supplier", "Supplier",
                new FieldType.Relation(RelationType.MANY_TO_ONE, "invoice", "suppliers", OnDelete.SET_NULL));

        List<SchemaOperation> plan = SchemaEvolutionPlans.dropObject(INVOICE, Map.of(supplier, company), WORKSPACE);

        assertThat(plan.get(0).getDropIndex().getName()).isEqualTo("idx_company_supplierId");
        assertThat(plan.get(1).getDropForeignKey().getColumn()).isEqualTo("supplierId");
        assertThat(plan.get(2).getDropColumn().getColumn()).isEqualTo("supplierId");
        assertThat(plan.get(3).getDropTable().getTable()).isEqualTo("_invoice");
        assertThat(plan.subList(4, plan.size())).allMatch(SchemaOperation::hasDropEnumType)
                .extracting(op -> op.getDropEnumType().getTypeName()).contains("_invoice_status_enum");
    }

    @Test
    void togglingUniquenessCreatesOrDropsThePartialUniqueIndexAFreshPlanWouldName() {
        List<SchemaOperation> create = SchemaEvolutionPlans.changeUnique(INVOICE, STATUS, true, WORKSPACE);
        assertThat(create).singleElement().satisfies(op -> {
            assertThat(op.getCreateIndex().getName()).isEqualTo("uq__invoice_status");
            assertThat(op.getCreateIndex().getUnique()).isTrue();
            assertThat(op.getCreateIndex().getLiveRowsOnly()).isTrue();
        });
        assertThat(SchemaEvolutionPlans.changeUnique(INVOICE, STATUS.asUnique(), false, WORKSPACE))
                .singleElement().satisfies(op -> assertThat(op.getDropIndex().getName()).isEqualTo("uq__invoice_status"));
        assertThat(SchemaEvolutionPlans.changeUnique(INVOICE, STATUS, false, WORKSPACE)).isEmpty();
    }

    @Test
    void changingOptionsMigratesEveryColumnOfTheEnumType() {
        List<SelectOption> after = List.of(new SelectOption("OPEN", "Open", null, 0),
                new SelectOption("PAID", "Paid", null, 1));

        SchemaOperation op = SchemaEvolutionPlans.changeOptions(INVOICE, STATUS, after, Map.of("DRAFT", "OPEN"), null,
                new DefaultValue.EnumValue("OPEN")).getFirst();

        assertThat(op.getChangeEnumValues().getTypeName()).isEqualTo("_invoice_status_enum");
        assertThat(op.getChangeEnumValues().getValuesList()).containsExactly("OPEN", "PAID");
        assertThat(op.getChangeEnumValues().getRenamedMap()).containsEntry("DRAFT", "OPEN");
        assertThat(op.getChangeEnumValues().getColumns(0).getColumn()).isEqualTo("status");
        assertThat(op.getChangeEnumValues().getColumns(0).getDefaultValue().getEnumValue()).isEqualTo("OPEN");
    }

    @Test
    void refusesOptionChangesNamingValuesTheEnumWillNotHave() {
        List<SelectOption> after = List.of(new SelectOption("OPEN", "Open", null, 0));

        assertThatThrownBy(() -> SchemaEvolutionPlans.changeOptions(INVOICE, STATUS, after, Map.of("DRAFT", "SENT"),
                null, null)).hasMessageContaining("SENT");
        assertThatThrownBy(() -> SchemaEvolutionPlans.changeOptions(INVOICE, STATUS, after, Map.of(), "PAID", null))
                .hasMessageContaining("PAID");
        assertThatThrownBy(() -> SchemaEvolutionPlans.changeOptions(INVOICE, STATUS, after, Map.of(), null,
                new DefaultValue.EnumValue("DRAFT"))).hasMessageContaining("DRAFT");
    }

    @Test
    void changingDefaultsAndNullabilityTouchEachColumnOfTheField() {
        FieldDefinition amount = FieldDefinition.of("amount", "Amount", new FieldType.Number());

        SchemaOperation setDefault = SchemaEvolutionPlans.changeDefault(INVOICE, amount, new DefaultValue.Number(3))
                .getFirst();
        SchemaOperation dropDefault = SchemaEvolutionPlans.changeDefault(INVOICE, amount, null).getFirst();
        SchemaOperation notNull = SchemaEvolutionPlans.changeNullable(INVOICE, amount, false).getFirst();

        assertThat(setDefault.getSetColumnDefault().getDefaultValue().getNumber()).isEqualTo(3);
        assertThat(dropDefault.getSetColumnDefault().hasDefaultValue()).isFalse();
        assertThat(notNull.getSetColumnNullable().getColumn()).isEqualTo("amount");
        assertThat(notNull.getSetColumnNullable().getNullable()).isFalse();
    }

    @Test
    void namesCustomIndexesByTheirIdAndReconcilesWithTheExpectedPlan() {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(SchemaEvolutionPlans.customIndexName(id)).isEqualTo("IDX_0f8fad5bd9cb469fa16570867728950e");
        SchemaOperation index = SchemaEvolutionPlans.createIndex("_invoice", "IDX_x", List.of("status", "name"), true,
                IndexMethod.INDEX_METHOD_BTREE);
        assertThat(index.getCreateIndex().getLiveRowsOnly()).isTrue();
        SchemaOperation reconcile = SchemaEvolutionPlans.reconcile(SchemaPlans.createWorkspace(WORKSPACE), true);
        assertThat(reconcile.getReconcile().getRepair()).isTrue();
        assertThat(reconcile.getReconcile().getExpected(0).hasCreateSchema()).isTrue();
    }

    @Test
    void changingTypeFollowsFieldTypeChanges() {
        FieldDefinition text = FieldDefinition.of("status", "Status", new FieldType.Text());
        FieldTypeChanges.Outcome outcome = FieldTypeChanges.plan(INVOICE, text, STATUS);
        assertThat(outcome).isInstanceOf(FieldTypeChanges.Outcome.Allowed.class);
        List<SchemaOperation> plan = ((FieldTypeChanges.Outcome.Allowed) outcome).operations();
        assertThat(plan.get(0).getCreateEnumType().getTypeName()).isEqualTo("_invoice_status_enum");
        assertThat(plan.get(1).getAlterColumnType().getFromType()).isEqualTo(ColumnType.COLUMN_TYPE_TEXT);
        assertThat(plan.get(1).getAlterColumnType().getTarget().getType()).isEqualTo(ColumnType.COLUMN_TYPE_ENUM);
    }

    /** Every name the renames produce is one the fresh plan uses. */
    private static boolean renamedNamesMatchAFreshPlan(List<SchemaOperation> renames, List<SchemaOperation> fresh) {
        List<String> freshNames = fresh.stream().map(op -> switch (op.getOperationCase()) {
            case CREATE_ENUM_TYPE -> op.getCreateEnumType().getTypeName();
            case CREATE_INDEX -> op.getCreateIndex().getName();
            case ADD_FOREIGN_KEY -> ForeignKeyNames.of(op.getAddForeignKey().getTable(), op.getAddForeignKey().getColumn());
            case CREATE_TABLE -> op.getCreateTable().getTable();
            default -> "";
        }).toList();
        return renames.stream().map(op -> switch (op.getOperationCase()) {
            case RENAME_TABLE -> op.getRenameTable().getTo();
            case RENAME_ENUM_TYPE -> op.getRenameEnumType().getTo();
            case RENAME_INDEX -> op.getRenameIndex().getTo();
            case RENAME_CONSTRAINT -> op.getRenameConstraint().getTo();
            default -> "?";
        }).allMatch(freshNames::contains);
    }

    private static List<ObjectDefinition> withInvoice(ObjectDefinition invoice) {
        List<ObjectDefinition> objects = new java.util.ArrayList<>(StandardObjects.all());
        objects.add(invoice);
        return objects;
    }
}
