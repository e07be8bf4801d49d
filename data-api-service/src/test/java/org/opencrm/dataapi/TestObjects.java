package org.opencrm.dataapi;

import java.util.ArrayList;
import java.util.List;

import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.OnDelete;
import org.opencrm.schema.SelectOption;
import org.opencrm.schema.StandardObjects;

/**
 * The objects of the test workspaces: the standard ones and a custom {@code pet} with a field of each type the
 * standard objects leave out, so every column type travels through real SQL.
 */
final class TestObjects {

    static final ObjectDefinition PET = ObjectDefinition.newCustomObject("pet", "pets", "Pet", "Pets", null)
            .withField(FieldDefinition.of("species", "Species", new FieldType.Select(options("DOG", "CAT"))))
            .withField(FieldDefinition.of("traits", "Traits",
                    new FieldType.MultiSelect(options("CALM", "PLAYFUL", "LOUD"))))
            .withField(FieldDefinition.of("tags", "Tags", new FieldType.Array()))
            .withField(FieldDefinition.of("weight", "Weight", new FieldType.Number()))
            .withField(FieldDefinition.of("price", "Price", new FieldType.Numeric()))
            .withField(FieldDefinition.of("vaccinated", "Vaccinated", new FieldType.Boolean()))
            .withField(FieldDefinition.of("birthday", "Birthday", new FieldType.Date()))
            .withField(FieldDefinition.of("extra", "Extra", new FieldType.RawJson()))
            .withField(FieldDefinition.of("rating", "Rating", new FieldType.Rating()))
            .withField(FieldDefinition.of("website", "Website", new FieldType.Links()))
            .withField(FieldDefinition.of("home", "Home", new FieldType.Address()))
            .withField(FieldDefinition.of("owner", "Owner",
                    FieldType.Relation.manyToOne(StandardObjects.PERSON, "pets", OnDelete.SET_NULL)));

    /**
     * The columns of Twenty's standard timelineActivity (timeline-activity.workspace-entity.ts), with a target
     * relation to each object of these workspaces, for the timeline consumer to write into.
     */
    static final ObjectDefinition TIMELINE_ACTIVITY = new ObjectDefinition("timelineActivity", "timelineActivities",
            "Timeline Activity", "Timeline Activities", "Aggregated / filtered event to be displayed on the timeline",
            false, List.of(
                    FieldDefinition.of("happensAt", "Creation date", new FieldType.DateTime()),
                    FieldDefinition.of("name", "Event name", new FieldType.Text()),
                    FieldDefinition.of("properties", "Event details", new FieldType.RawJson()),
                    FieldDefinition.of("linkedRecordCachedName", "Linked Record cached name", new FieldType.Text()),
                    FieldDefinition.of("linkedRecordId", "Linked Record id", new FieldType.Uuid()),
                    FieldDefinition.of("linkedObjectMetadataId", "Linked Object Metadata Id", new FieldType.Uuid()),
                    FieldDefinition.of("workspaceMemberId", "Workspace Member", new FieldType.Uuid()),
                    target("targetPerson", StandardObjects.PERSON),
                    target("targetCompany", StandardObjects.COMPANY),
                    target("targetOpportunity", StandardObjects.OPPORTUNITY),
                    target("targetPet", PET.nameSingular())));

    private TestObjects() {
    }

    static List<ObjectDefinition> all() {
        List<ObjectDefinition> all = new ArrayList<>(StandardObjects.all());
        all.add(PET);
        all.add(TIMELINE_ACTIVITY);
        return all;
    }

    private static FieldDefinition target(String name, String object) {
        return FieldDefinition.of(name, name, FieldType.Relation.manyToOne(object, "timelineActivities",
                OnDelete.CASCADE));
    }

    private static List<SelectOption> options(String... values) {
        List<SelectOption> options = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            options.add(new SelectOption(values[i], values[i].toLowerCase(), null, i));
        }
        return options;
    }
}
