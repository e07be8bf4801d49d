package org.opencrm.schema;

/** Which side of a relation a field is: MANY_TO_ONE holds the foreign key. */
public enum RelationType {
    MANY_TO_ONE,
    ONE_TO_MANY
}
