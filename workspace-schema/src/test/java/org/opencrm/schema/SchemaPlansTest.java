package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.AddColumn;
import org.opencrm.proto.metadata.v1.AddForeignKey;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.CreateIndex;
import org.opencrm.proto.metadata.v1.CreateTable;
import org.opencrm.proto.metadata.v1.IndexMethod;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.proto.metadata.v1.SearchSourceKind;
import org.opencrm.proto.metadata.v1.SchemaOperation.OperationCase;

class SchemaPlansTest {

    private static final List<SchemaOperation> WORKSPACE = SchemaPlans.createWorkspace();

    private static final ObjectDefinition INVOICE =
            ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", "Bills we send");

    @Test
    void startsByCreatingTheSchema() {
        assertThat(WORKSPACE.getFirst().getOperationCase()).isEqualTo(OperationCase.CREATE_SCHEMA);
        assertThat(WORKSPACE).filteredOn(op -> op.getOperationCase() == OperationCase.CREATE_SCHEMA).hasSize(1);
    }

    @Test
    void createsATablePerStandardObject() {
        assertThat(tables(WORKSPACE)).extracting(CreateTable::getTable).containsExactly(
                "person", "company", "opportunity", "task", "note", "taskTarget", "noteTarget", "timelineActivity",
                "workspaceMember", "attachment", "favorite");
    }

    @Test
    void givesEveryTableTheSystemColumns() {
        assertThat(tables(WORKSPACE)).allSatisfy(table -> assertThat(columnNames(table)).contains(
                "id", "createdAt", "updatedAt", "deletedAt", "position", "createdBySource",
                "createdByWorkspaceMemberId", "createdByName", "createdByContext", "updatedBySource", "searchVector"));
        Column id = column(table(WORKSPACE, "person"), "id");
        assertThat(id.getPrimaryKey()).isTrue();
        Column createdAt = column(table(WORKSPACE, "person"), "createdAt");
        assertThat(createdAt.getNullable()).isFalse();
        assertThat(createdAt.getDefaultValue().hasFunction()).isTrue();
        assertThat(column(table(WORKSPACE, "person"), "deletedAt").getNullable()).isTrue();
    }

    @Test
    void layoutsPersonAsTwentyDoes() {
        assertThat(columnNames(table(WORKSPACE, "person"))).contains(
                "nameFirstName", "nameLastName", "emailsPrimaryEmail", "emailsAdditionalEmails",
                "linkedinLinkPrimaryLinkUrl", "xLinkPrimaryLinkUrl", "jobTitle", "phonesPrimaryPhoneNumber",
                "city", "avatarUrl", "companyId")
                .doesNotContain("pointOfContactForOpportunities");
        Column searchVector = column(table(WORKSPACE, "person"), "searchVector");
        assertThat(searchVector.getSearchSourceColumnsList()).containsExactly("nameFirstName", "nameLastName",
                "emailsPrimaryEmail", "phonesPrimaryPhoneNumber", "phonesPrimaryPhoneCallingCode", "jobTitle");
        assertThat(searchVector.getSearchSourcesList())
                .extracting(s -> s.getColumn(), s -> s.getKind(), s -> s.getCallingCodeColumn())
                .containsExactly(
                        tuple("nameFirstName", SearchSourceKind.SEARCH_SOURCE_KIND_TEXT, ""),
                        tuple("nameLastName", SearchSourceKind.SEARCH_SOURCE_KIND_TEXT, ""),
                        tuple("emailsPrimaryEmail", SearchSourceKind.SEARCH_SOURCE_KIND_EMAIL, ""),
                        tuple("phonesPrimaryPhoneNumber", SearchSourceKind.SEARCH_SOURCE_KIND_PHONE,
                                "phonesPrimaryPhoneCallingCode"),
                        tuple("phonesPrimaryPhoneCallingCode", SearchSourceKind.SEARCH_SOURCE_KIND_TEXT, ""),
                        tuple("jobTitle", SearchSourceKind.SEARCH_SOURCE_KIND_TEXT, ""));
    }

    @Test
    void searchesEachObjectOverTwentysSearchFields() {
        assertThat(tables(WORKSPACE)).extracting(CreateTable::getTable,
                        table -> column(table, "searchVector").getSearchSourceColumnsList())
                .contains(
                        tuple("company", List.of("name", "domainNamePrimaryLinkLabel", "domainNamePrimaryLinkUrl")),
                        tuple("opportunity", List.of("name")),
                        tuple("task", List.of("title", "bodyV2Markdown")),
                        tuple("note", List.of("title", "bodyV2Markdown")),
                        tuple("workspaceMember", List.of("nameFirstName", "nameLastName", "userEmail")),
                        tuple("taskTarget", List.of()),
                        tuple("favorite", List.of()));
        assertThat(tables(WORKSPACE)).allSatisfy(table -> {
            Column vector = column(table, "searchVector");
            assertThat(vector.getSearchSourcesList()).extracting(source -> source.getColumn())
                    .containsExactlyElementsOf(vector.getSearchSourceColumnsList());
        });
    }

    @Test
    void layoutsCompanyAndOpportunityAsTwentyDoes() {
        assertThat(columnNames(table(WORKSPACE, "company"))).contains(
                "name", "domainNamePrimaryLinkUrl", "employees", "annualRecurringRevenueAmountMicros",
                "annualRecurringRevenueCurrencyCode", "addressAddressStreet1", "addressAddressLat",
                "idealCustomerProfile");
        assertThat(columnNames(table(WORKSPACE, "opportunity"))).contains(
                "name", "amountAmountMicros", "amountCurrencyCode", "closeDate", "stage", "pointOfContactId",
                "companyId");
        assertThat(column(table(WORKSPACE, "opportunity"), "stage").getDefaultValue().getEnumValue())
                .isEqualTo("NEW");
    }

    @Test
    void createsEnumTypesBeforeTheTablesUsingThem() {
        int stageEnum = indexOf(WORKSPACE, op -> op.hasCreateEnumType()
                && op.getCreateEnumType().getTypeName().equals("opportunity_stage_enum"));
        int opportunityTable = indexOf(WORKSPACE, op -> op.hasCreateTable()
                && op.getCreateTable().getTable().equals("opportunity"));

        assertThat(stageEnum).isNotNegative().isLessThan(opportunityTable);
        assertThat(WORKSPACE.get(stageEnum).getCreateEnumType().getValuesList())
                .containsExactly("NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER");
        assertThat(enumTypes(WORKSPACE)).extracting(CreateEnumType::getTypeName).contains(
                "person_createdBySource_enum", "person_updatedBySource_enum", "company_createdBySource_enum");
    }

    @Test
    void ordersTheWholePlanEnumTypesThenTablesThenForeignKeysThenIndexes() {
        List<OperationCase> order = List.of(OperationCase.CREATE_SCHEMA, OperationCase.CREATE_ENUM_TYPE,
                OperationCase.CREATE_TABLE, OperationCase.ADD_FOREIGN_KEY, OperationCase.CREATE_INDEX);
        List<OperationCase> kinds = WORKSPACE.stream().map(SchemaOperation::getOperationCase).toList();

        assertThat(kinds.subList(indexOf(WORKSPACE, SchemaOperation::hasAddForeignKey), kinds.size()))
                .containsOnly(OperationCase.ADD_FOREIGN_KEY, OperationCase.CREATE_INDEX);
        for (int i = 1; i < kinds.size(); i++) {
            if (kinds.get(i - 1) == OperationCase.CREATE_TABLE || kinds.get(i) == OperationCase.CREATE_TABLE) {
                continue;
            }
            assertThat(order.indexOf(kinds.get(i))).as("operation %d", i)
                    .isGreaterThanOrEqualTo(order.indexOf(kinds.get(i - 1)));
        }
        for (CreateTable table : tables(WORKSPACE)) {
            int created = indexOf(WORKSPACE, op -> op.hasCreateTable() && op.getCreateTable().equals(table));
            table.getColumnsList().stream().filter(column -> !column.getEnumTypeName().isEmpty())
                    .forEach(column -> assertThat(indexOf(WORKSPACE, op -> op.hasCreateEnumType()
                            && op.getCreateEnumType().getTypeName().equals(column.getEnumTypeName())))
                            .as(column.getEnumTypeName()).isBetween(0, created - 1));
        }
    }

    @Test
    void addsForeignKeysAfterEveryTable() {
        int lastTable = lastIndexOf(WORKSPACE, SchemaOperation::hasCreateTable);
        int firstForeignKey = indexOf(WORKSPACE, SchemaOperation::hasAddForeignKey);

        assertThat(firstForeignKey).isGreaterThan(lastTable);
        assertThat(foreignKeys(WORKSPACE)).hasSize(31)
                .extracting(AddForeignKey::getTable, AddForeignKey::getColumn, AddForeignKey::getReferencedTable,
                        AddForeignKey::getOnDelete)
                .contains(
                        tuple("person", "companyId", "company", OnDelete.SET_NULL.toProto()),
                        tuple("opportunity", "pointOfContactId", "person", OnDelete.SET_NULL.toProto()),
                        tuple("opportunity", "companyId", "company", OnDelete.SET_NULL.toProto()),
                        tuple("company", "accountOwnerId", "workspaceMember", OnDelete.SET_NULL.toProto()),
                        tuple("task", "assigneeId", "workspaceMember", OnDelete.SET_NULL.toProto()),
                        tuple("taskTarget", "taskId", "task", OnDelete.SET_NULL.toProto()),
                        tuple("taskTarget", "personId", "person", OnDelete.CASCADE.toProto()),
                        tuple("noteTarget", "opportunityId", "opportunity", OnDelete.CASCADE.toProto()),
                        tuple("timelineActivity", "targetPersonId", "person", OnDelete.CASCADE.toProto()),
                        tuple("timelineActivity", "targetTaskId", "task", OnDelete.SET_NULL.toProto()),
                        tuple("attachment", "authorId", "workspaceMember", OnDelete.SET_NULL.toProto()),
                        tuple("favorite", "forWorkspaceMemberId", "workspaceMember", OnDelete.CASCADE.toProto()));
    }

    @Test
    void pointsEveryForeignKeyFromAColumnOfItsTableAtATableOfThePlan() {
        List<String> tableNames = tables(WORKSPACE).stream().map(CreateTable::getTable).toList();

        assertThat(foreignKeys(WORKSPACE)).allSatisfy(foreignKey -> {
            assertThat(tableNames).contains(foreignKey.getReferencedTable());
            assertThat(columnNames(table(WORKSPACE, foreignKey.getTable()))).contains(foreignKey.getColumn());
        });
    }

    @Test
    void indexesEveryForeignKeyColumn() {
        assertThat(foreignKeys(WORKSPACE)).allSatisfy(foreignKey -> assertThat(indexes(WORKSPACE))
                .extracting(CreateIndex::getTable, CreateIndex::getColumnsList)
                .contains(tuple(foreignKey.getTable(), List.of(foreignKey.getColumn()))));
    }

    @Test
    void createsIndexesLast() {
        int lastOther = lastIndexOf(WORKSPACE, op -> !op.hasCreateIndex());
        int firstIndex = indexOf(WORKSPACE, SchemaOperation::hasCreateIndex);

        assertThat(firstIndex).isGreaterThan(lastOther);
    }

    @Test
    void indexesSearchVectorsUniqueFieldsAndForeignKeys() {
        assertThat(indexes(WORKSPACE))
                .extracting(CreateIndex::getTable, CreateIndex::getColumnsList, CreateIndex::getMethod,
                        CreateIndex::getUnique, CreateIndex::getLiveRowsOnly)
                .contains(
                        tuple("person", List.of("searchVector"), IndexMethod.INDEX_METHOD_GIN, false, false),
                        tuple("company", List.of("searchVector"), IndexMethod.INDEX_METHOD_GIN, false, false),
                        tuple("opportunity", List.of("searchVector"), IndexMethod.INDEX_METHOD_GIN, false, false),
                        tuple("person", List.of("emailsPrimaryEmail"), IndexMethod.INDEX_METHOD_BTREE, true, true),
                        tuple("company", List.of("domainNamePrimaryLinkUrl"), IndexMethod.INDEX_METHOD_BTREE,
                                true, true),
                        tuple("person", List.of("companyId"), IndexMethod.INDEX_METHOD_BTREE, false, false),
                        tuple("opportunity", List.of("pointOfContactId"), IndexMethod.INDEX_METHOD_BTREE,
                                false, false),
                        tuple("opportunity", List.of("companyId"), IndexMethod.INDEX_METHOD_BTREE, false, false),
                        tuple("opportunity", List.of("stage"), IndexMethod.INDEX_METHOD_BTREE, false, false),
                        tuple("task", List.of("searchVector"), IndexMethod.INDEX_METHOD_GIN, false, false),
                        tuple("note", List.of("searchVector"), IndexMethod.INDEX_METHOD_GIN, false, false),
                        tuple("workspaceMember", List.of("searchVector"), IndexMethod.INDEX_METHOD_GIN, false, false),
                        tuple("workspaceMember", List.of("userEmail"), IndexMethod.INDEX_METHOD_BTREE, true, true));
        assertThat(indexes(WORKSPACE)).extracting(CreateIndex::getName).doesNotHaveDuplicates();
    }

    @Test
    void indexesOnlySearchVectorsThatCoverSomething() {
        assertThat(indexes(WORKSPACE)).filteredOn(index -> index.getMethod() == IndexMethod.INDEX_METHOD_GIN)
                .extracting(CreateIndex::getTable)
                .containsExactlyInAnyOrder("person", "company", "opportunity", "task", "note", "workspaceMember");
    }

    @Test
    void createsACustomObjectWithTheRelationsTwentyGivesIt() {
        List<SchemaOperation> plan = SchemaPlans.createCustomObject(INVOICE, StandardObjects.all());

        assertThat(plan).noneMatch(SchemaOperation::hasCreateSchema);
        assertThat(tables(plan)).extracting(CreateTable::getTable).containsExactly("_invoice");
        assertThat(plan).filteredOn(SchemaOperation::hasAddColumn)
                .extracting(op -> op.getAddColumn().getTable(), op -> op.getAddColumn().getColumn().getName())
                .containsExactly(tuple("taskTarget", "invoiceId"), tuple("noteTarget", "invoiceId"),
                        tuple("attachment", "invoiceId"), tuple("favorite", "invoiceId"),
                        tuple("timelineActivity", "targetInvoiceId"));
        assertThat(foreignKeys(plan)).extracting(AddForeignKey::getTable, AddForeignKey::getReferencedTable,
                        AddForeignKey::getOnDelete)
                .containsExactly(tuple("taskTarget", "_invoice", OnDelete.CASCADE.toProto()),
                        tuple("noteTarget", "_invoice", OnDelete.CASCADE.toProto()),
                        tuple("attachment", "_invoice", OnDelete.CASCADE.toProto()),
                        tuple("favorite", "_invoice", OnDelete.CASCADE.toProto()),
                        tuple("timelineActivity", "_invoice", OnDelete.CASCADE.toProto()));
        assertThat(indexOf(plan, SchemaOperation::hasAddColumn))
                .isGreaterThan(indexOf(plan, SchemaOperation::hasCreateTable));
        assertThat(indexes(plan)).extracting(CreateIndex::getTable, CreateIndex::getColumnsList)
                .contains(tuple("taskTarget", List.of("invoiceId")),
                        tuple("timelineActivity", List.of("targetInvoiceId")));
    }

    @Test
    void refusesToRelateACustomObjectInAWorkspaceWithoutTheLinkingObjects() {
        assertThatIllegalArgumentException().isThrownBy(() -> SchemaPlans.createCustomObject(INVOICE, List.of()));
    }

    @Test
    void leavesEmptyCompositeTextOutOfUniqueIndexes() {
        assertThat(indexes(WORKSPACE))
                .filteredOn(CreateIndex::getUnique)
                .extracting(CreateIndex::getColumnsList, CreateIndex::getSkipWhenEmptyList)
                .contains(
                        tuple(List.of("emailsPrimaryEmail"), List.of("emailsPrimaryEmail")),
                        tuple(List.of("domainNamePrimaryLinkUrl"), List.of("domainNamePrimaryLinkUrl")));
    }

    @Test
    void keepsEveryIdentifierQuotable() {
        Stream<String> names = Stream.of(
                tables(WORKSPACE).stream().map(CreateTable::getTable),
                tables(WORKSPACE).stream().flatMap(t -> t.getColumnsList().stream()).map(Column::getName),
                enumTypes(WORKSPACE).stream().map(CreateEnumType::getTypeName),
                indexes(WORKSPACE).stream().map(CreateIndex::getName)).flatMap(s -> s);

        assertThat(names).allSatisfy(SqlIdentifiers::quote);
    }

    @Test
    void createsACustomObjectWithAnUnderscoreTableSearchedByName() {
        ObjectDefinition invoice = INVOICE.withField(FieldDefinition.of("company", "Company",
                FieldType.Relation.manyToOne("company", "invoices", OnDelete.CASCADE)));

        List<SchemaOperation> plan = SchemaPlans.createObject(invoice, StandardObjects.all());

        assertThat(plan).noneMatch(SchemaOperation::hasCreateSchema);
        CreateTable table = table(plan, "_invoice");
        assertThat(columnNames(table)).contains("id", "createdAt", "name", "companyId", "searchVector");
        assertThat(column(table, "name").getDefaultValue().getText()).isEmpty();
        assertThat(column(table, "searchVector").getSearchSourceColumnsList()).containsExactly("name");
        assertThat(enumTypes(plan)).extracting(CreateEnumType::getTypeName)
                .containsExactly("_invoice_createdBySource_enum", "_invoice_updatedBySource_enum");
        assertThat(foreignKeys(plan)).extracting(AddForeignKey::getColumn, AddForeignKey::getReferencedTable)
                .containsExactly(tuple("companyId", "company"));
        assertThat(indexes(plan)).extracting(CreateIndex::getName)
                .containsExactly("idx__invoice_searchVector", "idx__invoice_companyId");
    }

    @Test
    void findsTheTableOfACustomTarget() {
        ObjectDefinition line = ObjectDefinition.newCustomObject("invoiceLine", "invoiceLines", "Line", "Lines", null)
                .withField(FieldDefinition.of("invoice", "Invoice",
                        FieldType.Relation.manyToOne("invoice", "lines", OnDelete.CASCADE)));

        List<SchemaOperation> plan = SchemaPlans.createObject(line, List.of(INVOICE));

        assertThat(foreignKeys(plan)).extracting(AddForeignKey::getReferencedTable).containsExactly("_invoice");
    }

    @Test
    void refusesRelationsToUnknownObjects() {
        FieldDefinition field = FieldDefinition.of("project", "Project",
                FieldType.Relation.manyToOne("project", "invoices", OnDelete.SET_NULL));

        assertThatIllegalArgumentException().isThrownBy(() -> SchemaPlans.addField(INVOICE, field, List.of()));
    }

    @Test
    void addsASelectFieldWithItsEnumFirst() {
        FieldDefinition status = FieldDefinition.of("status", "Status", new FieldType.Select(List.of(
                new SelectOption("OPEN", "Open", null, 0), new SelectOption("PAID", "Paid", null, 1))));

        List<SchemaOperation> plan = SchemaPlans.addField(INVOICE, status, List.of(INVOICE));

        assertThat(plan).extracting(SchemaOperation::getOperationCase)
                .containsExactly(OperationCase.CREATE_ENUM_TYPE, OperationCase.ADD_COLUMN);
        assertThat(plan.get(1).getAddColumn().getTable()).isEqualTo("_invoice");
        assertThat(plan.get(1).getAddColumn().getColumn().getEnumTypeName()).isEqualTo("_invoice_status_enum");
    }

    @Test
    void addsACompositeFieldColumnByColumn() {
        List<SchemaOperation> plan = SchemaPlans.addField(StandardObjects.find("company").orElseThrow(),
                FieldDefinition.of("billingEmails", "Billing", new FieldType.Emails()).asUnique(),
                StandardObjects.all());

        assertThat(plan).filteredOn(SchemaOperation::hasAddColumn)
                .extracting(op -> op.getAddColumn().getColumn().getName())
                .containsExactly("billingEmailsPrimaryEmail", "billingEmailsAdditionalEmails");
        assertThat(indexes(plan)).singleElement().satisfies(index -> {
            assertThat(index.getColumnsList()).containsExactly("billingEmailsPrimaryEmail");
            assertThat(index.getUnique()).isTrue();
            assertThat(index.getLiveRowsOnly()).isTrue();
        });
    }

    @Test
    void addsAManyToOneRelationWithItsForeignKeyAndIndex() {
        List<SchemaOperation> plan = SchemaPlans.addField(INVOICE, FieldDefinition.of("payer", "Payer",
                FieldType.Relation.manyToOne("person", "invoices", OnDelete.RESTRICT)), StandardObjects.all());

        assertThat(plan).extracting(SchemaOperation::getOperationCase).containsExactly(
                OperationCase.ADD_COLUMN, OperationCase.ADD_FOREIGN_KEY, OperationCase.CREATE_INDEX);
        assertThat(plan.get(1).getAddForeignKey()).isEqualTo(AddForeignKey.newBuilder()
                .setTable("_invoice").setColumn("payerId").setReferencedTable("person")
                .setOnDelete(OnDelete.RESTRICT.toProto()).build());
    }

    @Test
    void addsNothingForAOneToManyRelation() {
        assertThat(SchemaPlans.addField(StandardObjects.find("company").orElseThrow(),
                FieldDefinition.of("invoices", "Invoices", FieldType.Relation.oneToMany("invoice", "company")),
                List.of(INVOICE))).isEmpty();
    }

    @Test
    void addsAMorphRelationWithAForeignKeyPerTarget() {
        List<SchemaOperation> plan = SchemaPlans.addField(INVOICE, FieldDefinition.of("target", "Target",
                new FieldType.MorphRelation(List.of("person", "company"), OnDelete.CASCADE)), StandardObjects.all());

        assertThat(plan).filteredOn(SchemaOperation::hasAddColumn).extracting(op -> op.getAddColumn().getColumn())
                .extracting(Column::getName).containsExactly("targetPersonId", "targetCompanyId");
        assertThat(foreignKeys(plan)).extracting(AddForeignKey::getColumn, AddForeignKey::getReferencedTable)
                .containsExactly(tuple("targetPersonId", "person"), tuple("targetCompanyId", "company"));
    }

    @Test
    void shortensLongIndexNamesWithAHash() {
        String table = "_" + "t".repeat(62);
        String first = IndexNames.of("uq", table, List.of("c".repeat(60) + "A"));
        String second = IndexNames.of("uq", table, List.of("c".repeat(60) + "B"));

        assertThat(SqlIdentifiers.byteLength(first)).isEqualTo(63);
        assertThat(SqlIdentifiers.byteLength(second)).isEqualTo(63);
        assertThat(first).isNotEqualTo(second).startsWith("uq__ttt");
        assertThat(IndexNames.of("idx", "person", List.of("companyId"))).isEqualTo("idx_person_companyId");
    }

    private static List<CreateTable> tables(List<SchemaOperation> plan) {
        return plan.stream().filter(SchemaOperation::hasCreateTable).map(SchemaOperation::getCreateTable).toList();
    }

    private static CreateTable table(List<SchemaOperation> plan, String name) {
        return tables(plan).stream().filter(t -> t.getTable().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> columnNames(CreateTable table) {
        return table.getColumnsList().stream().map(Column::getName).toList();
    }

    private static Column column(CreateTable table, String name) {
        return table.getColumnsList().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<CreateEnumType> enumTypes(List<SchemaOperation> plan) {
        return plan.stream().filter(SchemaOperation::hasCreateEnumType).map(SchemaOperation::getCreateEnumType)
                .toList();
    }

    private static List<AddForeignKey> foreignKeys(List<SchemaOperation> plan) {
        return plan.stream().filter(SchemaOperation::hasAddForeignKey).map(SchemaOperation::getAddForeignKey)
                .toList();
    }

    private static List<CreateIndex> indexes(List<SchemaOperation> plan) {
        return plan.stream().filter(SchemaOperation::hasCreateIndex).map(SchemaOperation::getCreateIndex).toList();
    }

    private static int indexOf(List<SchemaOperation> plan, java.util.function.Predicate<SchemaOperation> test) {
        for (int i = 0; i < plan.size(); i++) {
            if (test.test(plan.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<SchemaOperation> plan, java.util.function.Predicate<SchemaOperation> test) {
        for (int i = plan.size() - 1; i >= 0; i--) {
            if (test.test(plan.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
