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

    private TestObjects() {
    }

    static List<ObjectDefinition> all() {
        List<ObjectDefinition> all = new ArrayList<>(StandardObjects.all());
        all.add(PET);
        return all;
    }

    private static List<SelectOption> options(String... values) {
        List<SelectOption> options = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            options.add(new SelectOption(values[i], values[i].toLowerCase(), null, i));
        }
        return options;
    }
}
