package org.opencrm.metadata.field;

import java.util.List;

import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.CompositeSubField;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.FieldType;

/**
 * Which fields may be unique. A unique field gets a partial unique index over its live rows; a type with no column
 * such an index could cover (a relation's other side, a search vector, a composite none of whose parts identifies a
 * record, such as an actor) is refused, so no request reaches the worker with an index it cannot build.
 */
final class UniqueFields {

    private UniqueFields() {
    }

    /** Why a field of this type cannot be unique, or nothing when it can. */
    static List<Violation> violations(FieldType type) {
        boolean indexable = switch (type) {
            case FieldType.Relation r -> false;
            case FieldType.MorphRelation m -> false;
            case FieldType.TsVector t -> false;
            default -> !CompositeSubFields.isComposite(type)
                    || CompositeSubFields.of(type).stream().anyMatch(CompositeSubField::inUniqueIndex);
        };
        return indexable ? List.of()
                : List.of(new Violation("isUnique", "unsupported",
                        "a field of type " + type.typeName() + " cannot be unique"));
    }
}
