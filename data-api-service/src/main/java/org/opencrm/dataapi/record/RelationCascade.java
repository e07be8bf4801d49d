package org.opencrm.dataapi.record;

import java.util.ArrayList;
import java.util.List;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.OnDelete;
import org.opencrm.schema.RelationType;

/**
 * A many-to-one relation that destroys its records with their target ({@code ON DELETE CASCADE}); a soft delete
 * follows it the same way (the referencing records are soft-deleted with the same {@code deletedAt}) and a restore
 * brings back those it soft-deleted, one level deep.
 *
 * @param referencing the table holding the foreign key
 * @param key         the relation's property ({@code targetPersonId}), named in events
 * @param column      the foreign key column
 */
record RelationCascade(RecordTable referencing, String key, String column) {

    /** The cascading relations of the workspace's objects that point at {@code target}. */
    static List<RelationCascade> towards(RecordTable target, List<ObjectModel> objects) {
        List<RelationCascade> cascades = new ArrayList<>();
        for (ObjectModel object : objects) {
            for (FieldModel field : object.fields()) {
                if (field.type() instanceof FieldType.Relation relation
                        && relation.relationType() == RelationType.MANY_TO_ONE
                        && relation.onDelete() == OnDelete.CASCADE
                        && relation.targetObject().equals(target.object().nameSingular())
                        && !field.columns().isEmpty()) {
                    String column = field.columns().getFirst().columnName();
                    cascades.add(new RelationCascade(new RecordTable(target.workspaceId(), object), column, column));
                }
            }
        }
        return cascades;
    }
}
