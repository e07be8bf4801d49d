package org.opencrm.dataapi.query;

import java.util.List;
import java.util.stream.Collectors;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.RelationType;

/** Finds the column a query's field path names on an object, as records show them at depth 0. */
public final class QueryFields {

    private QueryFields() {
    }

    /**
     * @param path   {@code ["city"]}, {@code ["name", "firstName"]}, {@code ["companyId"]}
     * @param offset where the path starts in the parameter, for the error
     * @throws InvalidQueryException when the object has no such column to query
     */
    public static QueryField resolve(ObjectModel object, List<String> path, String parameter, int offset) {
        String text = String.join(".", path);
        if (path.size() == 1) {
            String name = path.getFirst();
            for (FieldModel field : object.fields()) {
                switch (field.type()) {
                    case FieldType.Relation relation when relation.relationType() == RelationType.MANY_TO_ONE -> {
                        FieldColumn key = field.columns().getFirst();
                        if (key.columnName().equals(name)) {
                            return new QueryField(text, field, key);
                        }
                        if (field.name().equals(name)) {
                            throw fault(parameter, offset, "'" + name + "' is a relation; query its id as '"
                                    + key.columnName() + "'");
                        }
                    }
                    case FieldType.MorphRelation morph -> {
                        for (FieldColumn column : field.columns()) {
                            if (column.columnName().equals(name)) {
                                return new QueryField(text, field, column);
                            }
                        }
                    }
                    default -> {
                        if (field.name().equals(name)) {
                            return atomic(object, field, text, parameter, offset);
                        }
                    }
                }
            }
        } else if (path.size() == 2) {
            FieldModel field = object.field(path.getFirst()).orElse(null);
            if (field != null && CompositeSubFields.isComposite(field.type())) {
                for (FieldColumn column : field.columns()) {
                    if (path.get(1).equals(column.subField())) {
                        return new QueryField(text, field, column);
                    }
                }
                throw fault(parameter, offset, "'" + field.name() + "' has no part '" + path.get(1) + "'; its parts are "
                        + parts(field));
            }
        }
        throw fault(parameter, offset, object.nameSingular() + " has no field '" + text + "'");
    }

    private static QueryField atomic(ObjectModel object, FieldModel field, String text, String parameter, int offset) {
        if (CompositeSubFields.isComposite(field.type())) {
            throw fault(parameter, offset, "'" + field.name() + "' has parts; name one of them: " + parts(field));
        }
        if (field.type() instanceof FieldType.TsVector || field.columns().isEmpty()) {
            throw fault(parameter, offset, "'" + field.name() + "' of " + object.nameSingular() + " cannot be queried");
        }
        return new QueryField(text, field, field.columns().getFirst());
    }

    private static String parts(FieldModel field) {
        return field.columns().stream().map(c -> field.name() + "." + c.subField()).collect(Collectors.joining(", "));
    }

    private static InvalidQueryException fault(String parameter, int offset, String message) {
        return new InvalidQueryException(parameter, offset, "unknown-field", message);
    }
}
