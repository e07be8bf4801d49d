package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class StandardObjectsTest {

    private static final ObjectDefinition INVOICE =
            ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", null);

    @Test
    void namesTheStandardObjectsAsTwentyDoes() {
        assertThat(StandardObjects.all())
                .extracting(ObjectDefinition::nameSingular, ObjectDefinition::namePlural, ObjectDefinition::custom)
                .containsExactly(
                        tuple("person", "people", false),
                        tuple("company", "companies", false),
                        tuple("opportunity", "opportunities", false),
                        tuple("task", "tasks", false),
                        tuple("note", "notes", false),
                        tuple("taskTarget", "taskTargets", false),
                        tuple("noteTarget", "noteTargets", false),
                        tuple("timelineActivity", "timelineActivities", false),
                        tuple("workspaceMember", "workspaceMembers", false),
                        tuple("attachment", "attachments", false),
                        tuple("favorite", "favorites", false));
    }

    @Test
    void givesPersonTwentysFields() {
        assertThat(fields("person")).containsExactly(
                tuple("name", "FULL_NAME"), tuple("emails", "EMAILS"), tuple("linkedinLink", "LINKS"),
                tuple("xLink", "LINKS"), tuple("jobTitle", "TEXT"), tuple("phones", "PHONES"), tuple("city", "TEXT"),
                tuple("avatarUrl", "TEXT"), tuple("company", "RELATION"),
                tuple("pointOfContactForOpportunities", "RELATION"), tuple("taskTargets", "RELATION"),
                tuple("noteTargets", "RELATION"), tuple("favorites", "RELATION"), tuple("attachments", "RELATION"),
                tuple("timelineActivities", "RELATION"));
        assertThat(field("person", "emails").unique()).isTrue();
        assertThat(object("person").searchFields()).containsExactly("name", "emails", "phones", "jobTitle");
    }

    @Test
    void givesCompanyTwentysFields() {
        assertThat(fields("company")).containsExactly(
                tuple("name", "TEXT"), tuple("domainName", "LINKS"), tuple("employees", "NUMBER"),
                tuple("linkedinLink", "LINKS"), tuple("xLink", "LINKS"), tuple("annualRecurringRevenue", "CURRENCY"),
                tuple("address", "ADDRESS"), tuple("idealCustomerProfile", "BOOLEAN"), tuple("people", "RELATION"),
                tuple("accountOwner", "RELATION"), tuple("taskTargets", "RELATION"), tuple("noteTargets", "RELATION"),
                tuple("opportunities", "RELATION"), tuple("favorites", "RELATION"), tuple("attachments", "RELATION"),
                tuple("timelineActivities", "RELATION"));
        assertThat(field("company", "domainName").unique()).isTrue();
        assertThat(field("company", "idealCustomerProfile"))
                .extracting(FieldDefinition::nullable, FieldDefinition::defaultValue)
                .containsExactly(false, new DefaultValue.Boolean(false));
        assertThat(object("company").searchFields()).containsExactly("name", "domainName");
    }

    @Test
    void givesOpportunityTwentysFields() {
        assertThat(fields("opportunity")).containsExactly(
                tuple("name", "TEXT"), tuple("amount", "CURRENCY"), tuple("closeDate", "DATE_TIME"),
                tuple("stage", "SELECT"), tuple("pointOfContact", "RELATION"), tuple("company", "RELATION"),
                tuple("favorites", "RELATION"), tuple("taskTargets", "RELATION"), tuple("noteTargets", "RELATION"),
                tuple("attachments", "RELATION"), tuple("timelineActivities", "RELATION"));
        assertThat(field("opportunity", "stage"))
                .extracting(FieldDefinition::nullable, FieldDefinition::defaultValue)
                .containsExactly(false, new DefaultValue.EnumValue("NEW"));
        assertThat(optionValues("opportunity", "stage"))
                .containsExactly("NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER");
        assertThat(object("opportunity").searchFields()).containsExactly("name");
        assertThat(StandardObjects.indexedFields(object("opportunity"))).containsExactly("stage");
    }

    @Test
    void givesTaskAndNoteTwentysFields() {
        assertThat(fields("task")).containsExactly(
                tuple("title", "TEXT"), tuple("bodyV2", "RICH_TEXT_V2"), tuple("dueAt", "DATE_TIME"),
                tuple("status", "SELECT"), tuple("taskTargets", "RELATION"), tuple("attachments", "RELATION"),
                tuple("assignee", "RELATION"), tuple("timelineActivities", "RELATION"),
                tuple("favorites", "RELATION"));
        assertThat(field("task", "status"))
                .extracting(FieldDefinition::nullable, FieldDefinition::defaultValue)
                .containsExactly(true, new DefaultValue.EnumValue("TODO"));
        assertThat(optionValues("task", "status")).containsExactly("TODO", "IN_PROGRESS", "DONE");
        assertThat(object("task").searchFields()).containsExactly("title", "bodyV2");

        assertThat(fields("note")).containsExactly(
                tuple("title", "TEXT"), tuple("bodyV2", "RICH_TEXT_V2"), tuple("noteTargets", "RELATION"),
                tuple("attachments", "RELATION"), tuple("timelineActivities", "RELATION"),
                tuple("favorites", "RELATION"));
        assertThat(object("note").searchFields()).containsExactly("title", "bodyV2");
    }

    @Test
    void givesTheLinkingObjectsTwentysFields() {
        assertThat(fields("taskTarget")).containsExactly(tuple("task", "RELATION"), tuple("person", "RELATION"),
                tuple("company", "RELATION"), tuple("opportunity", "RELATION"));
        assertThat(fields("noteTarget")).containsExactly(tuple("note", "RELATION"), tuple("person", "RELATION"),
                tuple("company", "RELATION"), tuple("opportunity", "RELATION"));
        assertThat(fields("favorite")).containsExactly(tuple("forWorkspaceMember", "RELATION"),
                tuple("person", "RELATION"), tuple("company", "RELATION"), tuple("opportunity", "RELATION"),
                tuple("task", "RELATION"), tuple("note", "RELATION"));
        assertThat(fields("attachment")).containsExactly(tuple("name", "TEXT"), tuple("fullPath", "TEXT"),
                tuple("fileCategory", "SELECT"), tuple("author", "RELATION"), tuple("task", "RELATION"),
                tuple("note", "RELATION"), tuple("person", "RELATION"), tuple("company", "RELATION"),
                tuple("opportunity", "RELATION"));
        assertThat(field("attachment", "fileCategory").defaultValue()).isEqualTo(new DefaultValue.EnumValue("OTHER"));
        assertThat(fields("timelineActivity")).containsExactly(tuple("happensAt", "DATE_TIME"),
                tuple("name", "TEXT"), tuple("properties", "RAW_JSON"), tuple("linkedRecordCachedName", "TEXT"),
                tuple("linkedRecordId", "UUID"), tuple("linkedObjectMetadataId", "UUID"),
                tuple("workspaceMember", "RELATION"), tuple("targetPerson", "RELATION"),
                tuple("targetCompany", "RELATION"), tuple("targetOpportunity", "RELATION"),
                tuple("targetNote", "RELATION"), tuple("targetTask", "RELATION"));
        assertThat(field("timelineActivity", "happensAt"))
                .extracting(FieldDefinition::nullable, FieldDefinition::defaultValue)
                .containsExactly(false, new DefaultValue.Now());
        for (String linking : List.of("taskTarget", "noteTarget", "favorite", "attachment", "timelineActivity")) {
            assertThat(object(linking).searchFields()).as(linking).isEmpty();
        }
    }

    @Test
    void givesWorkspaceMemberTwentysFields() {
        assertThat(fields("workspaceMember")).containsExactly(tuple("name", "FULL_NAME"),
                tuple("colorScheme", "TEXT"), tuple("locale", "TEXT"), tuple("avatarUrl", "TEXT"),
                tuple("userEmail", "TEXT"), tuple("calendarStartDay", "NUMBER"), tuple("userId", "UUID"),
                tuple("timeZone", "TEXT"), tuple("dateFormat", "SELECT"), tuple("timeFormat", "SELECT"),
                tuple("numberFormat", "SELECT"), tuple("assignedTasks", "RELATION"), tuple("favorites", "RELATION"),
                tuple("accountOwnerForCompanies", "RELATION"), tuple("authoredAttachments", "RELATION"),
                tuple("timelineActivities", "RELATION"));
        assertThat(field("workspaceMember", "userEmail").unique()).isTrue();
        assertThat(field("workspaceMember", "userId").nullable()).isFalse();
        assertThat(field("workspaceMember", "locale"))
                .extracting(FieldDefinition::nullable, FieldDefinition::defaultValue)
                .containsExactly(false, new DefaultValue.Text("en"));
        assertThat(field("workspaceMember", "calendarStartDay").defaultValue()).isEqualTo(new DefaultValue.Number(7));
        assertThat(field("workspaceMember", "dateFormat").defaultValue())
                .isEqualTo(new DefaultValue.EnumValue("SYSTEM"));
        assertThat(object("workspaceMember").searchFields()).containsExactly("name", "userEmail");
    }

    @Test
    void deletesAsTwentyDoes() {
        assertThat(manyToOnes(StandardObjects.all())).containsExactlyInAnyOrder(
                tuple("person.company", "company", OnDelete.SET_NULL),
                tuple("company.accountOwner", "workspaceMember", OnDelete.SET_NULL),
                tuple("opportunity.pointOfContact", "person", OnDelete.SET_NULL),
                tuple("opportunity.company", "company", OnDelete.SET_NULL),
                tuple("task.assignee", "workspaceMember", OnDelete.SET_NULL),
                tuple("taskTarget.task", "task", OnDelete.SET_NULL),
                tuple("taskTarget.person", "person", OnDelete.CASCADE),
                tuple("taskTarget.company", "company", OnDelete.CASCADE),
                tuple("taskTarget.opportunity", "opportunity", OnDelete.CASCADE),
                tuple("noteTarget.note", "note", OnDelete.SET_NULL),
                tuple("noteTarget.person", "person", OnDelete.CASCADE),
                tuple("noteTarget.company", "company", OnDelete.CASCADE),
                tuple("noteTarget.opportunity", "opportunity", OnDelete.CASCADE),
                tuple("timelineActivity.workspaceMember", "workspaceMember", OnDelete.CASCADE),
                tuple("timelineActivity.targetPerson", "person", OnDelete.CASCADE),
                tuple("timelineActivity.targetCompany", "company", OnDelete.CASCADE),
                tuple("timelineActivity.targetOpportunity", "opportunity", OnDelete.SET_NULL),
                tuple("timelineActivity.targetNote", "note", OnDelete.SET_NULL),
                tuple("timelineActivity.targetTask", "task", OnDelete.SET_NULL),
                tuple("attachment.author", "workspaceMember", OnDelete.SET_NULL),
                tuple("attachment.task", "task", OnDelete.SET_NULL),
                tuple("attachment.note", "note", OnDelete.SET_NULL),
                tuple("attachment.person", "person", OnDelete.CASCADE),
                tuple("attachment.company", "company", OnDelete.CASCADE),
                tuple("attachment.opportunity", "opportunity", OnDelete.CASCADE),
                tuple("favorite.forWorkspaceMember", "workspaceMember", OnDelete.CASCADE),
                tuple("favorite.person", "person", OnDelete.CASCADE),
                tuple("favorite.company", "company", OnDelete.CASCADE),
                tuple("favorite.opportunity", "opportunity", OnDelete.CASCADE),
                tuple("favorite.task", "task", OnDelete.CASCADE),
                tuple("favorite.note", "note", OnDelete.CASCADE));
    }

    @Test
    void pairsEveryRelationWithItsInverse() {
        assertRelationsPaired(StandardObjects.all());
    }

    @Test
    void followsTheNameRules() {
        for (ObjectDefinition object : StandardObjects.all()) {
            assertFieldsFollowTheNameRules(object);
        }
    }

    @Test
    void relatesACustomObjectToTasksNotesAttachmentsFavoritesAndTheTimeline() {
        Map<String, List<FieldDefinition>> relations = StandardObjects.customObjectRelations(INVOICE);

        assertThat(relations).containsOnlyKeys(
                "taskTarget", "noteTarget", "attachment", "favorite", "timelineActivity", "invoice");
        assertThat(relations.get("taskTarget")).extracting(FieldDefinition::name).containsExactly("invoice");
        assertThat(relations.get("timelineActivity")).extracting(FieldDefinition::name)
                .containsExactly("targetInvoice");
        assertThat(relations.get("invoice")).extracting(FieldDefinition::name).containsExactly(
                "taskTargets", "noteTargets", "attachments", "favorites", "timelineActivities");
        List<ObjectDefinition> workspace = withRelations(relations);
        assertThat(manyToOnes(workspace)).contains(
                tuple("taskTarget.invoice", "invoice", OnDelete.CASCADE),
                tuple("noteTarget.invoice", "invoice", OnDelete.CASCADE),
                tuple("attachment.invoice", "invoice", OnDelete.CASCADE),
                tuple("favorite.invoice", "invoice", OnDelete.CASCADE),
                tuple("timelineActivity.targetInvoice", "invoice", OnDelete.CASCADE));
        assertRelationsPaired(workspace);
        workspace.forEach(StandardObjectsTest::assertFieldsFollowTheNameRules);
        assertThat(FieldColumns.columnNames("timelineActivity", relations.get("timelineActivity").getFirst()))
                .containsExactly("targetInvoiceId");
    }

    @Test
    void refusesACustomObjectWhoseRelationsWouldMeetTheLinkingObjectsFields() {
        ObjectDefinition author = ObjectDefinition.newCustomObject("author", "authors", "Author", "Authors", null);
        ObjectDefinition longName = ObjectDefinition.newCustomObject("a".repeat(58), "b".repeat(58), "Long", "Longs",
                null);

        assertThatThrownBy(() -> StandardObjects.customObjectRelations(author))
                .isInstanceOfSatisfying(InvalidFieldTypeException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::rule)
                        .containsExactly(tuple("nameSingular", "duplicate")));
        assertThatThrownBy(() -> StandardObjects.customObjectRelations(longName))
                .isInstanceOfSatisfying(InvalidFieldTypeException.class, e -> assertThat(e.violations())
                        .extracting(Violation::rule).contains("too-long"));
    }

    @Test
    void relatesOnlyCustomObjects() {
        assertThatIllegalArgumentException().isThrownBy(() -> StandardObjects.customObjectRelations(object("person")));
    }

    private static List<ObjectDefinition> withRelations(Map<String, List<FieldDefinition>> relations) {
        List<ObjectDefinition> workspace = new ArrayList<>();
        for (ObjectDefinition object : StandardObjects.all()) {
            workspace.add(withFields(object, relations.getOrDefault(object.nameSingular(), List.of())));
        }
        workspace.add(withFields(INVOICE, relations.get(INVOICE.nameSingular())));
        return workspace;
    }

    private static ObjectDefinition withFields(ObjectDefinition object, List<FieldDefinition> fields) {
        ObjectDefinition grown = object;
        for (FieldDefinition field : fields) {
            grown = grown.withField(field);
        }
        return grown;
    }

    /** Each relation's inverse exists on its target, points back at it, is of the other kind and deletes alike. */
    private static void assertRelationsPaired(List<ObjectDefinition> objects) {
        for (ObjectDefinition object : objects) {
            for (FieldDefinition field : object.fields()) {
                if (field.type() instanceof FieldType.Relation relation) {
                    ObjectDefinition target = objects.stream()
                            .filter(o -> o.nameSingular().equals(relation.targetObject()))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(field.name() + " points at no object"));
                    FieldType inverse = target.field(relation.inverseField())
                            .orElseThrow(() -> new AssertionError(
                                    "no inverse of " + object.nameSingular() + "." + field.name()))
                            .type();
                    assertThat(inverse).as(object.nameSingular() + "." + field.name())
                            .isInstanceOfSatisfying(FieldType.Relation.class, back -> {
                                assertThat(back.targetObject()).isEqualTo(object.nameSingular());
                                assertThat(back.inverseField()).isEqualTo(field.name());
                                assertThat(back.relationType()).isNotEqualTo(relation.relationType());
                                assertThat(back.onDelete()).isEqualTo(relation.onDelete());
                            });
                }
            }
        }
    }

    private static void assertFieldsFollowTheNameRules(ObjectDefinition object) {
        ObjectDefinition growing = new ObjectDefinition(object.nameSingular(), object.namePlural(),
                object.labelSingular(), object.labelPlural(), null, object.custom(), List.of(), List.of());
        for (FieldDefinition field : object.fields()) {
            assertThat(NameRules.validateField(growing, field)).as(object.nameSingular() + "." + field.name())
                    .isEmpty();
            growing = growing.withField(field);
        }
    }

    private static List<Tuple> manyToOnes(List<ObjectDefinition> objects) {
        List<Tuple> relations = new ArrayList<>();
        for (ObjectDefinition object : objects) {
            for (FieldDefinition field : object.fields()) {
                if (field.type() instanceof FieldType.Relation relation
                        && relation.relationType() == RelationType.MANY_TO_ONE) {
                    relations.add(tuple(object.nameSingular() + "." + field.name(), relation.targetObject(),
                            relation.onDelete()));
                }
            }
        }
        return relations;
    }

    private static List<String> optionValues(String object, String field) {
        return ((FieldType.Select) field(object, field).type()).options().stream().map(SelectOption::value).toList();
    }

    private static ObjectDefinition object(String name) {
        return StandardObjects.find(name).orElseThrow();
    }

    private static FieldDefinition field(String object, String field) {
        return object(object).field(field).orElseThrow();
    }

    private static List<Tuple> fields(String object) {
        return object(object).fields().stream().map(f -> tuple(f.name(), f.type().typeName())).toList();
    }
}
