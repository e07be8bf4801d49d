package org.opencrm.metadata.field;

import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.RelationType;

/**
 * Both sides of a new relation: the field asked for on {@code source} and its inverse on {@code target} (the same
 * object for a relation of an object to itself).
 */
record RelationPair(StoredObject source, FieldDefinition sourceField, StoredObject target,
        FieldDefinition targetField) {

    /** The side that holds the foreign key column. */
    boolean sourceHoldsForeignKey() {
        return sourceField.type() instanceof FieldType.Relation relation
                && relation.relationType() == RelationType.MANY_TO_ONE;
    }
}
