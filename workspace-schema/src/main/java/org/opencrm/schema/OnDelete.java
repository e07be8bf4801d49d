package org.opencrm.schema;

/** What deleting a relation's target does to the rows pointing at it. */
public enum OnDelete {
    SET_NULL,
    CASCADE,
    RESTRICT;

    public org.opencrm.proto.metadata.v1.OnDelete toProto() {
        return switch (this) {
            case SET_NULL -> org.opencrm.proto.metadata.v1.OnDelete.ON_DELETE_SET_NULL;
            case CASCADE -> org.opencrm.proto.metadata.v1.OnDelete.ON_DELETE_CASCADE;
            case RESTRICT -> org.opencrm.proto.metadata.v1.OnDelete.ON_DELETE_RESTRICT;
        };
    }
}
