package org.opencrm.schema;

import java.util.List;
import java.util.Optional;

/**
 * The objects every workspace starts with, with real Twenty's fields. To add one: a method building its
 * definition, listed in {@link #all()} (order does not matter: foreign keys come after every table).
 */
public final class StandardObjects {

    public static final String PERSON = "person";
    public static final String COMPANY = "company";
    public static final String OPPORTUNITY = "opportunity";

    private static final DefaultValue EMPTY_TEXT = new DefaultValue.Text("");

    private static final List<ObjectDefinition> ALL = List.of(person(), company(), opportunity());

    private StandardObjects() {}

    /** Every standard object. */
    public static List<ObjectDefinition> all() {
        return ALL;
    }

    public static Optional<ObjectDefinition> find(String nameSingular) {
        return ALL.stream().filter(o -> o.nameSingular().equals(nameSingular)).findFirst();
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
                FieldDefinition.of("company", "Company",
                                FieldType.Relation.manyToOne(COMPANY, "people", OnDelete.SET_NULL))
                        .withDescription("Contact's company"),
                FieldDefinition.of("pointOfContactForOpportunities", "Opportunities",
                                FieldType.Relation.oneToMany(OPPORTUNITY, "pointOfContact"))
                        .withDescription("List of opportunities for which that person is the point of contact")),
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
                FieldDefinition.of("people", "People", FieldType.Relation.oneToMany(PERSON, "company"))
                        .withDescription("People linked to the company."),
                FieldDefinition.of("opportunities", "Opportunities",
                                FieldType.Relation.oneToMany(OPPORTUNITY, "company"))
                        .withDescription("Opportunities linked to the company.")),
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
                FieldDefinition.of("pointOfContact", "Point of Contact",
                                FieldType.Relation.manyToOne(PERSON, "pointOfContactForOpportunities",
                                        OnDelete.SET_NULL))
                        .withDescription("Opportunity point of contact"),
                FieldDefinition.of("company", "Company",
                                FieldType.Relation.manyToOne(COMPANY, "opportunities", OnDelete.SET_NULL))
                        .withDescription("Opportunity company")),
                List.of("name"));
    }

    /** Twenty's text fields default to the empty string rather than null. */
    private static FieldDefinition text(String name, String label, String description) {
        return FieldDefinition.of(name, label, new FieldType.Text()).withDescription(description)
                .withDefault(EMPTY_TEXT);
    }
}
