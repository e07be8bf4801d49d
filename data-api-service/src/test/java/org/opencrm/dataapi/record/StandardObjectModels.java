package org.opencrm.dataapi.record;

import java.util.UUID;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.FieldColumns;
import org.opencrm.schema.ObjectDefinition;
import org.opencrm.schema.StandardObjects;

/** Models of the standard objects as the metadata cache builds them, for tests that need no metadata-service. */
final class StandardObjectModels {

    private StandardObjectModels() {
    }

    static ObjectModel of(String nameSingular) {
        ObjectDefinition object = StandardObjects.find(nameSingular).orElseThrow();
        return new ObjectModel(UUID.randomUUID(), object.nameSingular(), object.namePlural(), object.custom(),
                object.tableName(), object.allFields().stream()
                        .map(field -> new FieldModel(UUID.randomUUID(), field.name(), field.type(), field.nullable(),
                                field.unique(), FieldColumns.of(object.tableName(), field)))
                        .toList());
    }
}
