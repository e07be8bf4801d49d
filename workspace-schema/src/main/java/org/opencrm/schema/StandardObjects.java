package org.opencrm.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The objects every workspace starts with, with real Twenty's fields, defaults, nullability and relations (both
 * sides of each, with Twenty's onDelete). To add one: a method building its definition, listed in {@link #all()}
 * (order does not matter: foreign keys come after every table).
 *
 * <p>Left out because the objects they point at do not exist here: relations to messages, calendar events,
 * workflows, views, dashboards, favorite folders, connected accounts and blocklists; and Twenty's deprecated
 * fields ({@code person.phone}, {@code company.addressOld}, {@code opportunity.probability},
 * {@code attachment.type}).
 */
public final class StandardObjects {

    public static final String PERSON = "person";
    public static final String COMPANY = "company";
    public static final String OPPORTUNITY = "opportunity";
    public static final String TASK = "task";
    public static final String NOTE = "note";
    public static final String TASK_TARGET = "taskTarget";
    public static final String NOTE_TARGET = "noteTarget";
    public static final String TIMELINE_ACTIVITY = "timelineActivity";
    public static final String WORKSPACE_MEMBER = "workspaceMember";
    public static final String ATTACHMENT = "attachment";
    public static final String FAVORITE = "favorite";

    private static final String TASK_TARGETS = "taskTargets";
    private static final String NOTE_TARGETS = "noteTargets";
    private static final String ATTACHMENTS = "attachments";
    private static final String FAVORITES = "favorites";
    private static final String TIMELINE_ACTIVITIES = "timelineActivities";
    /** timelineActivity's relation to an object is {@code target<Object>}, its column {@code target<Object>Id}. */
    private static final String TIMELINE_TARGET_PREFIX = "target";

    private static final String NAME_SINGULAR = "nameSingular";

    private static final DefaultValue EMPTY_TEXT = new DefaultValue.Text("");

    private static final List<ObjectDefinition> ALL = List.of(
            person(), company(), opportunity(), task(), note(), taskTarget(), noteTarget(), timelineActivity(),
            workspaceMember(), attachment(), favorite());

    /** Fields Twenty indexes besides relations, unique and search fields ({@code @WorkspaceFieldIndex()}). */
    private static final Map<String, Set<String>> INDEXED_FIELDS = Map.of(OPPORTUNITY, Set.of("stage"));

    private StandardObjects() {}

    /** Every standard object. */
    public static List<ObjectDefinition> all() {
        return ALL;
    }

    public static Optional<ObjectDefinition> find(String nameSingular) {
        return ALL.stream().filter(o -> o.nameSingular().equals(nameSingular)).findFirst();
    }

    /**
     * The relation fields Twenty adds when a custom object is created, so tasks, notes, attachments, favorites and
     * the timeline work for it as for the standard objects.
     *
     * <p>The answer maps an object's nameSingular to the fields to add to it:
     * <ul>
     *   <li>{@code taskTarget}, {@code noteTarget}, {@code attachment}, {@code favorite}: a MANY_TO_ONE named after
     *       the custom object ({@code invoice}, column {@code invoiceId}), onDelete CASCADE;
     *   <li>{@code timelineActivity}: a MANY_TO_ONE {@code target<Object>} ({@code targetInvoice}, column
     *       {@code targetInvoiceId}), onDelete CASCADE;
     *   <li>the custom object itself: the ONE_TO_MANY inverses {@code taskTargets}, {@code noteTargets},
     *       {@code attachments}, {@code favorites} and {@code timelineActivities}, which have no column.
     * </ul>
     * Call it once, when the object is created (with the definition as it is then, whose name must pass
     * {@link NameRules}), store the fields with it, and plan the schema with
     * {@link SchemaPlans#createCustomObject}. The MANY_TO_ONE columns are 2 to 8 bytes longer than the object's
     * name, so an object name must leave room for {@code target<Name>Id} within 63 bytes.
     *
     * @throws InvalidFieldTypeException when a field to add would collide with a field or column of the object it
     *     goes to (a custom object named {@code author} or {@code fullPath} meets attachment's own fields) or need a
     *     name over 63 bytes; each violation names {@code nameSingular}, so the request can be refused with a 400
     * @throws IllegalArgumentException if {@code custom} is not a custom object
     */
    public static Map<String, List<FieldDefinition>> customObjectRelations(ObjectDefinition custom) {
        Map<String, List<FieldDefinition>> relations = relationsOf(custom);
        List<Violation> violations = new ArrayList<>();
        relations.forEach((objectName, fields) -> {
            ObjectDefinition growing = objectName.equals(custom.nameSingular()) ? custom : find(objectName).orElseThrow();
            for (FieldDefinition field : fields) {
                for (Violation violation : NameRules.validateField(growing, field)) {
                    violations.add(new Violation(NAME_SINGULAR, violation.rule(), "a custom object named '"
                            + custom.nameSingular() + "' needs field '" + field.name() + "' on " + objectName + ": "
                            + violation.message()));
                }
                growing = growing.withField(field);
            }
        });
        if (!violations.isEmpty()) {
            throw new InvalidFieldTypeException(violations);
        }
        return relations;
    }

    private static Map<String, List<FieldDefinition>> relationsOf(ObjectDefinition custom) {
        if (!custom.custom()) {
            throw new IllegalArgumentException(custom.nameSingular() + " is not a custom object");
        }
        String name = custom.nameSingular();
        String label = custom.labelSingular() == null ? name : custom.labelSingular();
        String timelineField = timelineTargetField(name);
        Map<String, List<FieldDefinition>> relations = new LinkedHashMap<>();
        relations.put(TASK_TARGET, List.of(
                manyToOne(name, label, "TaskTarget " + label, name, TASK_TARGETS, OnDelete.CASCADE)));
        relations.put(NOTE_TARGET, List.of(
                manyToOne(name, label, "NoteTarget " + label, name, NOTE_TARGETS, OnDelete.CASCADE)));
        relations.put(ATTACHMENT, List.of(
                manyToOne(name, label, "Attachment " + label, name, ATTACHMENTS, OnDelete.CASCADE)));
        relations.put(FAVORITE, List.of(
                manyToOne(name, label, "Favorite " + label, name, FAVORITES, OnDelete.CASCADE)));
        relations.put(TIMELINE_ACTIVITY, List.of(
                manyToOne(timelineField, label, "Timeline Activity " + label, name, TIMELINE_ACTIVITIES,
                        OnDelete.CASCADE)));
        relations.put(name, List.of(
                oneToMany(TASK_TARGETS, "Tasks", "Tasks tied to the " + label, TASK_TARGET, name, OnDelete.CASCADE),
                oneToMany(NOTE_TARGETS, "Notes", "Notes tied to the " + label, NOTE_TARGET, name, OnDelete.CASCADE),
                oneToMany(ATTACHMENTS, "Attachments", "Attachments tied to the " + label, ATTACHMENT, name,
                        OnDelete.CASCADE),
                oneToMany(FAVORITES, "Favorites", "Favorites tied to the " + label, FAVORITE, name,
                        OnDelete.CASCADE),
                oneToMany(TIMELINE_ACTIVITIES, "Timeline Activities", "Timeline Activities tied to the " + label,
                        TIMELINE_ACTIVITY, timelineField, OnDelete.CASCADE)));
        return relations;
    }

    /** The names of the fields of a standard object that Twenty gives a plain btree index. */
    static Set<String> indexedFields(ObjectDefinition object) {
        return object.custom() ? Set.of() : INDEXED_FIELDS.getOrDefault(object.nameSingular(), Set.of());
    }

    private static ObjectDefinition person() {
        return new ObjectDefinition(PERSON, "people", "Person", "People", "A person", false, List.of(
                FieldDefinition.of("name", "Name", new FieldType.FullName())
                        .withDescription("Contact's name"),
                FieldDefinition.of("emails", "Emails", new FieldType.Emails())
                        .withDescription("Contact's Emails").asUnique(),
                FieldDefinition.of("linkedinLink", "Linkedin", new FieldType.Links())
                        .withDescription("Contact's Linkedin account"),
                FieldDefinition.of("xLink", "X", new FieldType.Links())
                        .withDescription("Contact's X/Twitter account"),
                text("jobTitle", "Job Title", "Contact's job title"),
                FieldDefinition.of("phones", "Phones", new FieldType.Phones())
                        .withDescription("Contact's phone numbers"),
                text("city", "City", "Contact's city"),
                text("avatarUrl", "Avatar", "Contact's avatar"),
                manyToOne("company", "Company", "Contact's company", COMPANY, "people", OnDelete.SET_NULL),
                oneToMany("pointOfContactForOpportunities", "Opportunities",
                        "List of opportunities for which that person is the point of contact", OPPORTUNITY,
                        "pointOfContact", OnDelete.SET_NULL),
                oneToMany(TASK_TARGETS, "Tasks", "Tasks tied to the contact", TASK_TARGET, PERSON,
                        OnDelete.CASCADE),
                oneToMany(NOTE_TARGETS, "Notes", "Notes tied to the contact", NOTE_TARGET, PERSON,
                        OnDelete.CASCADE),
                oneToMany(FAVORITES, "Favorites", "Favorites linked to the contact", FAVORITE, PERSON,
                        OnDelete.CASCADE),
                oneToMany(ATTACHMENTS, "Attachments", "Attachments linked to the contact.", ATTACHMENT, PERSON,
                        OnDelete.CASCADE),
                oneToMany(TIMELINE_ACTIVITIES, "Events", "Events linked to the person", TIMELINE_ACTIVITY,
                        timelineTargetField(PERSON), OnDelete.CASCADE)),
                List.of("name", "emails", "phones", "jobTitle"));
    }

    private static ObjectDefinition company() {
        return new ObjectDefinition(COMPANY, "companies", "Company", "Companies", "A company", false, List.of(
                text("name", "Name", "The company name"),
                FieldDefinition.of("domainName", "Domain", new FieldType.Links())
                        .withDescription("The company website URL. We use this url to fetch the company icon")
                        .asUnique(),
                FieldDefinition.of("employees", "Employees", new FieldType.Number())
                        .withDescription("Number of employees in the company"),
                FieldDefinition.of("linkedinLink", "Linkedin", new FieldType.Links())
                        .withDescription("The company Linkedin account"),
                FieldDefinition.of("xLink", "X", new FieldType.Links())
                        .withDescription("The company Twitter/X account"),
                FieldDefinition.of("annualRecurringRevenue", "ARR", new FieldType.Currency())
                        .withDescription("Annual Recurring Revenue: The actual or estimated annual revenue "
                                + "of the company"),
                FieldDefinition.of("address", "Address", new FieldType.Address())
                        .withDescription("Address of the company"),
                FieldDefinition.of("idealCustomerProfile", "ICP", new FieldType.Boolean())
                        .withDescription("Ideal Customer Profile: Indicates whether the company is the most "
                                + "suitable and valuable customer for you")
                        .withDefault(new DefaultValue.Boolean(false))
                        .notNull(),
                oneToMany("people", "People", "People linked to the company.", PERSON, "company",
                        OnDelete.SET_NULL),
                manyToOne("accountOwner", "Account Owner",
                        "Your team member responsible for managing the company account", WORKSPACE_MEMBER,
                        "accountOwnerForCompanies", OnDelete.SET_NULL),
                oneToMany(TASK_TARGETS, "Tasks", "Tasks tied to the company", TASK_TARGET, COMPANY,
                        OnDelete.CASCADE),
                oneToMany(NOTE_TARGETS, "Notes", "Notes tied to the company", NOTE_TARGET, COMPANY,
                        OnDelete.CASCADE),
                oneToMany("opportunities", "Opportunities", "Opportunities linked to the company.", OPPORTUNITY,
                        "company", OnDelete.SET_NULL),
                oneToMany(FAVORITES, "Favorites", "Favorites linked to the company", FAVORITE, COMPANY,
                        OnDelete.CASCADE),
                oneToMany(ATTACHMENTS, "Attachments", "Attachments linked to the company", ATTACHMENT, COMPANY,
                        OnDelete.CASCADE),
                oneToMany(TIMELINE_ACTIVITIES, "Timeline Activities", "Timeline Activities linked to the company",
                        TIMELINE_ACTIVITY, timelineTargetField(COMPANY), OnDelete.CASCADE)),
                List.of("name", "domainName"));
    }

    private static ObjectDefinition opportunity() {
        FieldType stage = new FieldType.Select(List.of(
                new SelectOption("NEW", "New", "red", 0),
                new SelectOption("SCREENING", "Screening", "purple", 1),
                new SelectOption("MEETING", "Meeting", "sky", 2),
                new SelectOption("PROPOSAL", "Proposal", "turquoise", 3),
                new SelectOption("CUSTOMER", "Customer", "yellow", 4)));
        return new ObjectDefinition(OPPORTUNITY, "opportunities", "Opportunity", "Opportunities",
                "An opportunity", false, List.of(
                text("name", "Name", "The opportunity name"),
                FieldDefinition.of("amount", "Amount", new FieldType.Currency())
                        .withDescription("Opportunity amount"),
                FieldDefinition.of("closeDate", "Close date", new FieldType.DateTime())
                        .withDescription("Opportunity close date"),
                FieldDefinition.of("stage", "Stage", stage)
                        .withDescription("Opportunity stage")
                        .withDefault(new DefaultValue.EnumValue("NEW"))
                        .notNull(),
                manyToOne("pointOfContact", "Point of Contact", "Opportunity point of contact", PERSON,
                        "pointOfContactForOpportunities", OnDelete.SET_NULL),
                manyToOne("company", "Company", "Opportunity company", COMPANY, "opportunities",
                        OnDelete.SET_NULL),
                oneToMany(FAVORITES, "Favorites", "Favorites linked to the opportunity", FAVORITE, OPPORTUNITY,
                        OnDelete.CASCADE),
                oneToMany(TASK_TARGETS, "Tasks", "Tasks tied to the opportunity", TASK_TARGET, OPPORTUNITY,
                        OnDelete.CASCADE),
                oneToMany(NOTE_TARGETS, "Notes", "Notes tied to the opportunity", NOTE_TARGET, OPPORTUNITY,
                        OnDelete.CASCADE),
                oneToMany(ATTACHMENTS, "Attachments", "Attachments linked to the opportunity", ATTACHMENT,
                        OPPORTUNITY, OnDelete.CASCADE),
                oneToMany(TIMELINE_ACTIVITIES, "Timeline Activities",
                        "Timeline Activities linked to the opportunity.", TIMELINE_ACTIVITY,
                        timelineTargetField(OPPORTUNITY), OnDelete.SET_NULL)),
                List.of("name"));
    }

    private static ObjectDefinition task() {
        FieldType status = new FieldType.Select(List.of(
                new SelectOption("TODO", "To do", "sky", 0),
                new SelectOption("IN_PROGRESS", "In progress", "purple", 1),
                new SelectOption("DONE", "Done", "green", 2)));
        return new ObjectDefinition(TASK, "tasks", "Task", "Tasks", "A task", false, List.of(
                text("title", "Title", "Task title"),
                FieldDefinition.of("bodyV2", "Body", new FieldType.RichTextV2()).withDescription("Task body"),
                FieldDefinition.of("dueAt", "Due Date", new FieldType.DateTime()).withDescription("Task due date"),
                FieldDefinition.of("status", "Status", status)
                        .withDescription("Task status")
                        .withDefault(new DefaultValue.EnumValue("TODO")),
                oneToMany(TASK_TARGETS, "Relations", "Task targets", TASK_TARGET, TASK, OnDelete.SET_NULL),
                oneToMany(ATTACHMENTS, "Attachments", "Task attachments", ATTACHMENT, TASK, OnDelete.SET_NULL),
                manyToOne("assignee", "Assignee", "Task assignee", WORKSPACE_MEMBER, "assignedTasks",
                        OnDelete.SET_NULL),
                oneToMany(TIMELINE_ACTIVITIES, "Timeline Activities", "Timeline Activities linked to the task.",
                        TIMELINE_ACTIVITY, timelineTargetField(TASK), OnDelete.SET_NULL),
                oneToMany(FAVORITES, "Favorites", "Favorites linked to the task", FAVORITE, TASK,
                        OnDelete.CASCADE)),
                List.of("title", "bodyV2"));
    }

    private static ObjectDefinition note() {
        return new ObjectDefinition(NOTE, "notes", "Note", "Notes", "A note", false, List.of(
                text("title", "Title", "Note title"),
                FieldDefinition.of("bodyV2", "Body", new FieldType.RichTextV2()).withDescription("Note body"),
                oneToMany(NOTE_TARGETS, "Relations", "Note targets", NOTE_TARGET, NOTE, OnDelete.SET_NULL),
                oneToMany(ATTACHMENTS, "Attachments", "Note attachments", ATTACHMENT, NOTE, OnDelete.SET_NULL),
                oneToMany(TIMELINE_ACTIVITIES, "Timeline Activities", "Timeline Activities linked to the note.",
                        TIMELINE_ACTIVITY, timelineTargetField(NOTE), OnDelete.SET_NULL),
                oneToMany(FAVORITES, "Favorites", "Favorites linked to the note", FAVORITE, NOTE,
                        OnDelete.CASCADE)),
                List.of("title", "bodyV2"));
    }

    private static ObjectDefinition taskTarget() {
        return new ObjectDefinition(TASK_TARGET, TASK_TARGETS, "Task Target", "Task Targets", "A task target", false,
                List.of(
                        manyToOne(TASK, "Task", "TaskTarget task", TASK, TASK_TARGETS, OnDelete.SET_NULL),
                        manyToOne(PERSON, "Person", "TaskTarget person", PERSON, TASK_TARGETS, OnDelete.CASCADE),
                        manyToOne(COMPANY, "Company", "TaskTarget company", COMPANY, TASK_TARGETS,
                                OnDelete.CASCADE),
                        manyToOne(OPPORTUNITY, "Opportunity", "TaskTarget opportunity", OPPORTUNITY, TASK_TARGETS,
                                OnDelete.CASCADE)),
                List.of());
    }

    private static ObjectDefinition noteTarget() {
        return new ObjectDefinition(NOTE_TARGET, NOTE_TARGETS, "Note Target", "Note Targets", "A note target", false,
                List.of(
                        manyToOne(NOTE, "Note", "NoteTarget note", NOTE, NOTE_TARGETS, OnDelete.SET_NULL),
                        manyToOne(PERSON, "Person", "NoteTarget person", PERSON, NOTE_TARGETS, OnDelete.CASCADE),
                        manyToOne(COMPANY, "Company", "NoteTarget company", COMPANY, NOTE_TARGETS,
                                OnDelete.CASCADE),
                        manyToOne(OPPORTUNITY, "Opportunity", "NoteTarget opportunity", OPPORTUNITY, NOTE_TARGETS,
                                OnDelete.CASCADE)),
                List.of());
    }

    private static ObjectDefinition timelineActivity() {
        return new ObjectDefinition(TIMELINE_ACTIVITY, TIMELINE_ACTIVITIES, "Timeline Activity",
                "Timeline Activities", "Aggregated / filtered event to be displayed on the timeline", false, List.of(
                FieldDefinition.of("happensAt", "Creation date", new FieldType.DateTime())
                        .withDescription("Creation date")
                        .withDefault(new DefaultValue.Now())
                        .notNull(),
                text("name", "Event name", "Event name"),
                FieldDefinition.of("properties", "Event details", new FieldType.RawJson())
                        .withDescription("Json value for event details"),
                text("linkedRecordCachedName", "Linked Record cached name", "Cached record name"),
                FieldDefinition.of("linkedRecordId", "Linked Record id", new FieldType.Uuid())
                        .withDescription("Linked Record id"),
                FieldDefinition.of("linkedObjectMetadataId", "Linked Object Metadata Id", new FieldType.Uuid())
                        .withDescription("Linked Object Metadata Id"),
                manyToOne("workspaceMember", "Workspace Member", "Event workspace member", WORKSPACE_MEMBER,
                        TIMELINE_ACTIVITIES, OnDelete.CASCADE),
                manyToOne(timelineTargetField(PERSON), "Person", "Event person", PERSON, TIMELINE_ACTIVITIES,
                        OnDelete.CASCADE),
                manyToOne(timelineTargetField(COMPANY), "Company", "Event company", COMPANY, TIMELINE_ACTIVITIES,
                        OnDelete.CASCADE),
                manyToOne(timelineTargetField(OPPORTUNITY), "Opportunity", "Event opportunity", OPPORTUNITY,
                        TIMELINE_ACTIVITIES, OnDelete.SET_NULL),
                manyToOne(timelineTargetField(NOTE), "Note", "Event note", NOTE, TIMELINE_ACTIVITIES,
                        OnDelete.SET_NULL),
                manyToOne(timelineTargetField(TASK), "Task", "Event task", TASK, TIMELINE_ACTIVITIES,
                        OnDelete.SET_NULL)),
                List.of());
    }

    private static ObjectDefinition workspaceMember() {
        return new ObjectDefinition(WORKSPACE_MEMBER, "workspaceMembers", "Workspace Member", "Workspace Members",
                "A workspace member", false, List.of(
                FieldDefinition.of("name", "Name", new FieldType.FullName())
                        .withDescription("Workspace member name")
                        .notNull(),
                textWithDefault("colorScheme", "Color Scheme", "Preferred color scheme", "System"),
                textWithDefault("locale", "Language", "Preferred language", "en"),
                text("avatarUrl", "Avatar Url", "Workspace member avatar"),
                text("userEmail", "User Email", "Related user email address").asUnique(),
                FieldDefinition.of("calendarStartDay", "Start of the week", new FieldType.Number())
                        .withDescription("User's preferred start day of the week")
                        .withDefault(new DefaultValue.Number(7))
                        .notNull(),
                FieldDefinition.of("userId", "User Id", new FieldType.Uuid())
                        .withDescription("Associated User Id")
                        .notNull(),
                textWithDefault("timeZone", "Time zone", "User time zone", "system"),
                systemSelect("dateFormat", "Date format", "User's preferred date format", List.of(
                        new SelectOption("SYSTEM", "System", "turquoise", 0),
                        new SelectOption("MONTH_FIRST", "Month First", "red", 1),
                        new SelectOption("DAY_FIRST", "Day First", "purple", 2),
                        new SelectOption("YEAR_FIRST", "Year First", "sky", 3))),
                systemSelect("timeFormat", "Time format", "User's preferred time format", List.of(
                        new SelectOption("SYSTEM", "System", "sky", 0),
                        new SelectOption("HOUR_24", "24HRS", "red", 1),
                        new SelectOption("HOUR_12", "12HRS", "purple", 2))),
                systemSelect("numberFormat", "Number format", "User's preferred number format", List.of(
                        new SelectOption("SYSTEM", "System", "turquoise", 0),
                        new SelectOption("COMMAS_AND_DOT", "Commas and dot", "blue", 1),
                        new SelectOption("SPACES_AND_COMMA", "Spaces and comma", "green", 2),
                        new SelectOption("DOTS_AND_COMMA", "Dots and comma", "orange", 3),
                        new SelectOption("APOSTROPHE_AND_DOT", "Apostrophe and dot", "purple", 4))),
                oneToMany("assignedTasks", "Assigned tasks", "Tasks assigned to the workspace member", TASK,
                        "assignee", OnDelete.SET_NULL),
                oneToMany(FAVORITES, "Favorites", "Favorites linked to the workspace member", FAVORITE,
                        "forWorkspaceMember", OnDelete.CASCADE),
                oneToMany("accountOwnerForCompanies", "Account Owner For Companies", "Account owner for companies",
                        COMPANY, "accountOwner", OnDelete.SET_NULL),
                oneToMany("authoredAttachments", "Authored attachments", "Attachments created by the workspace member",
                        ATTACHMENT, "author", OnDelete.SET_NULL),
                oneToMany(TIMELINE_ACTIVITIES, "Events", "Events linked to the workspace member", TIMELINE_ACTIVITY,
                        WORKSPACE_MEMBER, OnDelete.CASCADE)),
                List.of("name", "userEmail"));
    }

    private static ObjectDefinition attachment() {
        FieldType fileCategory = new FieldType.Select(List.of(
                new SelectOption("ARCHIVE", "Archive", "gray", 0),
                new SelectOption("AUDIO", "Audio", "pink", 1),
                new SelectOption("IMAGE", "Image", "yellow", 2),
                new SelectOption("PRESENTATION", "Presentation", "orange", 3),
                new SelectOption("SPREADSHEET", "Spreadsheet", "turquoise", 4),
                new SelectOption("TEXT_DOCUMENT", "Text Document", "blue", 5),
                new SelectOption("VIDEO", "Video", "purple", 6),
                new SelectOption("OTHER", "Other", "gray", 7)));
        return new ObjectDefinition(ATTACHMENT, ATTACHMENTS, "Attachment", "Attachments", "An attachment", false,
                List.of(
                        text("name", "Name", "Attachment name"),
                        text("fullPath", "Full path", "Attachment full path"),
                        FieldDefinition.of("fileCategory", "File category", fileCategory)
                                .withDescription("Attachment file category")
                                .withDefault(new DefaultValue.EnumValue("OTHER"))
                                .notNull(),
                        manyToOne("author", "Author", "Attachment author", WORKSPACE_MEMBER, "authoredAttachments",
                                OnDelete.SET_NULL),
                        manyToOne(TASK, "Task", "Attachment task", TASK, ATTACHMENTS, OnDelete.SET_NULL),
                        manyToOne(NOTE, "Note", "Attachment note", NOTE, ATTACHMENTS, OnDelete.SET_NULL),
                        manyToOne(PERSON, "Person", "Attachment person", PERSON, ATTACHMENTS, OnDelete.CASCADE),
                        manyToOne(COMPANY, "Company", "Attachment company", COMPANY, ATTACHMENTS,
                                OnDelete.CASCADE),
                        manyToOne(OPPORTUNITY, "Opportunity", "Attachment opportunity", OPPORTUNITY, ATTACHMENTS,
                                OnDelete.CASCADE)),
                List.of());
    }

    private static ObjectDefinition favorite() {
        return new ObjectDefinition(FAVORITE, FAVORITES, "Favorite", "Favorites", "A favorite", false, List.of(
                manyToOne("forWorkspaceMember", "Workspace Member", "Favorite workspace member", WORKSPACE_MEMBER,
                        FAVORITES, OnDelete.CASCADE),
                manyToOne(PERSON, "Person", "Favorite person", PERSON, FAVORITES, OnDelete.CASCADE),
                manyToOne(COMPANY, "Company", "Favorite company", COMPANY, FAVORITES, OnDelete.CASCADE),
                manyToOne(OPPORTUNITY, "Opportunity", "Favorite opportunity", OPPORTUNITY, FAVORITES,
                        OnDelete.CASCADE),
                manyToOne(TASK, "Task", "Favorite task", TASK, FAVORITES, OnDelete.CASCADE),
                manyToOne(NOTE, "Note", "Favorite note", NOTE, FAVORITES, OnDelete.CASCADE)),
                List.of());
    }

    /** {@code targetPerson} for {@code person}: the name of timelineActivity's relation to an object. */
    private static String timelineTargetField(String nameSingular) {
        return CompositeSubFields.columnName(TIMELINE_TARGET_PREFIX, nameSingular);
    }

    /** Twenty's text fields default to the empty string rather than null. */
    private static FieldDefinition text(String name, String label, String description) {
        return FieldDefinition.of(name, label, new FieldType.Text()).withDescription(description)
                .withDefault(EMPTY_TEXT);
    }

    private static FieldDefinition textWithDefault(String name, String label, String description, String value) {
        return FieldDefinition.of(name, label, new FieldType.Text()).withDescription(description)
                .withDefault(new DefaultValue.Text(value)).notNull();
    }

    /** workspaceMember's display preferences: a required select defaulting to SYSTEM. */
    private static FieldDefinition systemSelect(String name, String label, String description,
            List<SelectOption> options) {
        return FieldDefinition.of(name, label, new FieldType.Select(options)).withDescription(description)
                .withDefault(new DefaultValue.EnumValue("SYSTEM")).notNull();
    }

    private static FieldDefinition manyToOne(String name, String label, String description, String target,
            String inverseField, OnDelete onDelete) {
        return FieldDefinition.of(name, label, FieldType.Relation.manyToOne(target, inverseField, onDelete))
                .withDescription(description);
    }

    /** The inverse side carries its MANY_TO_ONE's onDelete too, as Twenty's metadata shows it on both sides. */
    private static FieldDefinition oneToMany(String name, String label, String description, String target,
            String inverseField, OnDelete onDelete) {
        return FieldDefinition.of(name, label,
                        new FieldType.Relation(RelationType.ONE_TO_MANY, target, inverseField, onDelete))
                .withDescription(description);
    }
}
