package org.opencrm.dataapi.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.proto.metadata.v1.ColumnType;

/**
 * Renders a {@link Filter} on one object's table as a SQL condition: columns quoted, every value bound and typed for
 * its column, operators checked against the column. Columns are unqualified, so the condition fits any statement
 * that reads the table once.
 */
public final class FilterSql {

    private static final String PARAMETER = "filter";

    private final ObjectModel object;
    private final String schema;
    private final SqlParameters parameters;

    private FilterSql(ObjectModel object, String schema, SqlParameters parameters) {
        this.object = object;
        this.schema = schema;
        this.parameters = parameters;
    }

    /**
     * @param schema the workspace schema, for the casts to its enum types
     * @throws InvalidQueryException when a field, operator or value does not fit the object
     */
    public static String render(Filter filter, ObjectModel object, String schema, SqlParameters parameters) {
        return new FilterSql(object, schema, parameters).sql(filter);
    }

    private String sql(Filter filter) {
        return switch (filter) {
            case Filter.All all -> all.parts().isEmpty() ? "TRUE" : joined(all.parts(), " AND ");
            case Filter.Any any -> any.parts().isEmpty() ? "FALSE" : joined(any.parts(), " OR ");
            case Filter.Not not -> "(NOT " + sql(not.part()) + ")";
            case Filter.Condition condition -> condition(condition);
        };
    }

    private String joined(List<Filter> parts, String operator) {
        List<String> rendered = new ArrayList<>(parts.size());
        parts.forEach(part -> rendered.add(sql(part)));
        return "(" + String.join(operator, rendered) + ")";
    }

    private String condition(Filter.Condition condition) {
        QueryField field = QueryFields.resolve(object, condition.path(), PARAMETER, condition.offset());
        String column = field.sql();
        FilterOperator operator = condition.operator();
        if (operator == FilterOperator.IS) {
            Filter.Scalar value = (Filter.Scalar) condition.value();
            return switch (value.quoted() ? "" : value.text().toUpperCase(Locale.ROOT)) {
                case "NULL" -> column + " IS NULL";
                case "NOT_NULL" -> column + " IS NOT NULL";
                default -> throw new InvalidQueryException(PARAMETER, value.offset(), "type",
                        "[is] takes NULL or NOT_NULL, was '" + value.text() + "'");
            };
        }
        if (field.array()) {
            if (operator != FilterOperator.CONTAINS_ANY) {
                throw unfit(condition, field, "[containsAny] or [is]");
            }
            Filter.Values values = (Filter.Values) condition.value();
            if (values.elements().isEmpty()) {
                return "FALSE";
            }
            List<String> elements = new ArrayList<>();
            values.elements().forEach(element -> elements.add(placeholder(field, element)));
            return column + " && ARRAY[" + String.join(", ", elements) + "]::" + field.castType(schema) + "[]";
        }
        if (field.type() == ColumnType.COLUMN_TYPE_JSONB || field.type() == ColumnType.COLUMN_TYPE_TSVECTOR) {
            throw unfit(condition, field, "[is]");
        }
        return switch (operator) {
            case EQ -> column + " = " + placeholder(field, scalar(condition));
            case NEQ -> column + " <> " + placeholder(field, scalar(condition));
            case GT -> column + " > " + placeholder(field, scalar(condition));
            case GTE -> column + " >= " + placeholder(field, scalar(condition));
            case LT -> column + " < " + placeholder(field, scalar(condition));
            case LTE -> column + " <= " + placeholder(field, scalar(condition));
            case IN -> {
                Filter.Values values = (Filter.Values) condition.value();
                if (values.elements().isEmpty()) {
                    yield "FALSE";
                }
                List<String> elements = new ArrayList<>();
                values.elements().forEach(element -> elements.add(placeholder(field, element)));
                yield column + " IN (" + String.join(", ", elements) + ")";
            }
            case CONTAINS_ANY -> throw unfit(condition, field, "[eq], [neq], [in], [gt], [gte], [lt], [lte] or [is]");
            case STARTS_WITH -> pattern(condition, field, escapedLike(scalar(condition).text()) + "%", "ILIKE");
            case ENDS_WITH -> pattern(condition, field, "%" + escapedLike(scalar(condition).text()), "ILIKE");
            case LIKE -> pattern(condition, field, likePattern(condition), "LIKE");
            case ILIKE -> pattern(condition, field, likePattern(condition), "ILIKE");
            case IS -> throw new IllegalStateException("handled above");
        };
    }

    /** A pattern as written; one ending in a lone backslash would make PostgreSQL fail the statement. */
    private static String likePattern(Filter.Condition condition) {
        Filter.Scalar value = scalar(condition);
        String text = value.text();
        int trailing = 0;
        while (trailing < text.length() && text.charAt(text.length() - 1 - trailing) == '\\') {
            trailing++;
        }
        if (trailing % 2 == 1) {
            throw new InvalidQueryException(PARAMETER, value.offset(), "type",
                    "a pattern must not end with a lone backslash (LIKE's escape character)");
        }
        return text;
    }

    private String pattern(Filter.Condition condition, QueryField field, String pattern, String operator) {
        QueryValues.requireNoNul(scalar(condition), PARAMETER);
        return switch (field.type()) {
            case COLUMN_TYPE_TEXT -> field.sql() + " " + operator + " " + parameters.bind(pattern);
            case COLUMN_TYPE_ENUM -> "CAST(" + field.sql() + " AS text) " + operator + " " + parameters.bind(pattern);
            default -> throw unfit(condition, field, "[eq], [neq], [in], [gt], [gte], [lt], [lte] or [is]");
        };
    }

    private String placeholder(QueryField field, Filter.Scalar value) {
        QueryValues.requireNoNul(value, PARAMETER);
        String bound = parameters.bind(QueryValues.typed(field, value, PARAMETER));
        return field.type() == ColumnType.COLUMN_TYPE_ENUM ? "CAST(" + bound + " AS " + field.castType(schema) + ")"
                : bound;
    }

    private static Filter.Scalar scalar(Filter.Condition condition) {
        return (Filter.Scalar) condition.value();
    }

    /** {@code %} and {@code _} match themselves in startsWith and endsWith; backslash is LIKE's escape. */
    private static String escapedLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static InvalidQueryException unfit(Filter.Condition condition, QueryField field, String allowed) {
        return new InvalidQueryException(PARAMETER, condition.offset(), "operator", "'" + field.path()
                + "' cannot be compared with [" + condition.operator().twentyName() + "]; use " + allowed);
    }
}
