package org.opencrm.dataapi.record;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.query.Filter;
import org.opencrm.dataapi.query.FilterParser;
import org.opencrm.dataapi.query.FilterSql;
import org.opencrm.dataapi.query.InvalidQueryException;
import org.opencrm.dataapi.query.QueryField;
import org.opencrm.dataapi.query.QueryFields;
import org.opencrm.dataapi.query.SqlParameters;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SqlIdentifiers;
import org.opencrm.schema.SystemFields;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twenty's group-by: the live records matching a filter, grouped by fields ({@code group_by=[{"city":true},
 * {"name":{"firstName":true}},{"createdAt":{"granularity":"MONTH"}}]}), with Twenty's aggregate fields per group
 * ({@code aggregate=["totalCount","countEmptyCity","sumWeight","avgAmountAmountMicros"]}), in one statement.
 */
class RecordGroups {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String GROUP_BY = "group_by";
    private static final String AGGREGATE = "aggregate";
    private static final String EXAMPLE = "[{\"city\": true}, {\"name\": {\"firstName\": true}}, "
            + "{\"createdAt\": {\"granularity\": \"DAY\"}}]";

    /** Aggregate name prefixes, longest first so that {@code countNotEmpty} is not read as {@code count...}. */
    private enum Aggregate {
        COUNT_UNIQUE_VALUES("countUniqueValues"),
        COUNT_NOT_EMPTY("countNotEmpty"),
        COUNT_EMPTY("countEmpty"),
        PERCENTAGE_NOT_EMPTY("percentageNotEmpty"),
        PERCENTAGE_EMPTY("percentageEmpty"),
        SUM("sum"),
        AVG("avg"),
        MIN("min"),
        MAX("max");

        private final String prefix;

        Aggregate(String prefix) {
            this.prefix = prefix;
        }
    }

    private enum Granularity {
        NONE, DAY, WEEK, MONTH, QUARTER, YEAR
    }

    /** One grouping column and how its values are bucketed. */
    private record Dimension(QueryField field, Granularity granularity) {
    }

    /** One aggregate column of the answer. */
    private record Measure(String name, Aggregate aggregate, QueryField field) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    RecordGroups(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @return the groups in dimension order, each {@code {"groupByDimensionValues": [...], <aggregate>: value}}
     * @throws InvalidQueryException when a parameter does not fit the object
     */
    @Transactional(readOnly = true)
    public ArrayNode groups(RecordTable table, String groupBy, String aggregate, String filter, int limit) {
        ObjectModel object = table.object();
        List<Dimension> dimensions = dimensions(groupBy, object);
        List<Measure> measures = measures(aggregate, object);
        SqlParameters parameters = new SqlParameters();
        Filter parsed = filter == null ? new Filter.All(List.of()) : FilterParser.parse(filter);
        String condition = FilterSql.render(parsed, object, table.schema(), parameters);

        List<String> select = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            select.add(dimensionSql(dimensions.get(i)) + " AS " + SqlIdentifiers.quote("__dim" + i));
            positions.add(String.valueOf(i + 1));
        }
        for (int i = 0; i < measures.size(); i++) {
            select.add(measureSql(measures.get(i)) + " AS " + SqlIdentifiers.quote("__agg" + i));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select))
                .append(" FROM ").append(table.qualifiedName())
                .append(" WHERE ").append(parsed.mentions(SystemFields.DELETED_AT) ? "TRUE"
                        : SqlIdentifiers.quote(SystemFields.DELETED_AT) + " IS NULL");
        if (!condition.equals("TRUE")) {
            sql.append(" AND ").append(condition);
        }
        if (!positions.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", positions))
                    .append(" ORDER BY ").append(String.join(" NULLS LAST, ", positions)).append(" NULLS LAST");
        }
        sql.append(" LIMIT ").append(parameters.bind(limit));
        ArrayNode groups = NODES.arrayNode();
        jdbc.query(sql.toString(), parameters.source(), row -> {
            ObjectNode group = groups.addObject();
            ArrayNode values = group.putArray("groupByDimensionValues");
            for (int i = 0; i < dimensions.size(); i++) {
                Dimension dimension = dimensions.get(i);
                values.add(dimension.granularity() == Granularity.NONE
                        ? read(row, "__dim" + i, dimension.field().type())
                        : text(row.getString("__dim" + i)));
            }
            for (int i = 0; i < measures.size(); i++) {
                group.set(measures.get(i).name(), measureValue(row, "__agg" + i, measures.get(i)));
            }
        });
        return groups;
    }

    private static List<Dimension> dimensions(String groupBy, ObjectModel object) {
        JsonNode parsed = json(groupBy, GROUP_BY, "should be an array of objects, e.g. " + EXAMPLE);
        if (!parsed.isArray()) {
            throw fault(GROUP_BY, "should be an array of objects, e.g. " + EXAMPLE);
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (JsonNode item : parsed) {
            if (!item.isObject() || item.size() != 1) {
                throw fault(GROUP_BY, "each entry names one field, e.g. " + EXAMPLE);
            }
            Map.Entry<String, JsonNode> entry = item.properties().iterator().next();
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isBoolean() && value.booleanValue()) {
                dimensions.add(new Dimension(groupable(object, List.of(name)), Granularity.NONE));
            } else if (value.isObject() && value.has("granularity")) {
                QueryField field = groupable(object, List.of(name));
                if (field.type() != ColumnType.COLUMN_TYPE_DATE && field.type() != ColumnType.COLUMN_TYPE_TIMESTAMPTZ) {
                    throw fault(GROUP_BY, "'" + name + "' is not a date; only dates take a granularity");
                }
                dimensions.add(new Dimension(field, granularity(value.path("granularity").asString(""))));
            } else if (value.isObject() && value.size() == 1 && value.properties().iterator().next().getValue()
                    .asBoolean(false)) {
                String part = value.properties().iterator().next().getKey();
                dimensions.add(new Dimension(groupable(object, List.of(name, part)), Granularity.NONE));
            } else {
                throw fault(GROUP_BY, "'" + name + "' must be true, {\"<part>\": true} or {\"granularity\": ...}");
            }
        }
        if (dimensions.size() > 8) {
            throw fault(GROUP_BY, "at most 8 fields");
        }
        return dimensions;
    }

    private static QueryField groupable(ObjectModel object, List<String> path) {
        QueryField field = QueryFields.resolve(object, path, GROUP_BY, -1);
        if (field.array() || field.type() == ColumnType.COLUMN_TYPE_JSONB
                || field.type() == ColumnType.COLUMN_TYPE_TSVECTOR) {
            throw fault(GROUP_BY, "'" + field.path() + "' cannot be grouped by");
        }
        return field;
    }

    private static Granularity granularity(String name) {
        try {
            return Granularity.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw fault(GROUP_BY, "granularity '" + name + "' is not one of NONE, DAY, WEEK, MONTH, QUARTER, YEAR");
        }
    }

    private static List<Measure> measures(String aggregate, ObjectModel object) {
        if (aggregate == null) {
            return List.of(new Measure("totalCount", null, null));
        }
        JsonNode parsed = json(aggregate, AGGREGATE, "should be an array of strings, e.g. [\"totalCount\", \"sumAmount\"]");
        if (!parsed.isArray()) {
            throw fault(AGGREGATE, "should be an array of strings, e.g. [\"totalCount\", \"sumAmount\"]");
        }
        List<Measure> measures = new ArrayList<>();
        for (JsonNode item : parsed) {
            if (!item.isString()) {
                throw fault(AGGREGATE, "should be an array of strings, e.g. [\"totalCount\", \"sumAmount\"]");
            }
            measures.add(measure(item.asString(), object));
        }
        if (measures.size() > 32) {
            throw fault(AGGREGATE, "at most 32 aggregates");
        }
        return measures;
    }

    private static Measure measure(String name, ObjectModel object) {
        if (name.equals("totalCount")) {
            return new Measure(name, null, null);
        }
        for (Aggregate aggregate : Aggregate.values()) {
            if (name.startsWith(aggregate.prefix) && name.length() > aggregate.prefix.length()) {
                String target = name.substring(aggregate.prefix.length());
                QueryField field = column(object, target)
                        .orElseThrow(() -> fault(AGGREGATE, "'" + name + "': " + object.nameSingular()
                                + " has no field '" + decapitalized(target) + "'"));
                requireFits(name, aggregate, field);
                return new Measure(name, aggregate, field);
            }
        }
        throw fault(AGGREGATE, "'" + name + "' is not an aggregate; use totalCount or countEmpty, countNotEmpty, "
                + "countUniqueValues, percentageEmpty, percentageNotEmpty, sum, avg, min, max followed by a field");
    }

    /** The column whose capitalized name follows the prefix: {@code Weight}, {@code AmountAmountMicros}. */
    private static Optional<QueryField> column(ObjectModel object, String capitalized) {
        for (FieldModel field : object.fields()) {
            for (FieldColumn column : field.columns()) {
                if (capitalized(column.columnName()).equals(capitalized)
                        && !(field.type() instanceof FieldType.TsVector)) {
                    String path = CompositeSubFields.isComposite(field.type())
                            ? field.name() + "." + column.subField() : column.columnName();
                    return Optional.of(new QueryField(path, field, column));
                }
            }
        }
        return Optional.empty();
    }

    private static void requireFits(String name, Aggregate aggregate, QueryField field) {
        ColumnType type = field.type();
        boolean numeric = !field.array() && (type == ColumnType.COLUMN_TYPE_DOUBLE || type == ColumnType.COLUMN_TYPE_NUMERIC);
        boolean ordered = numeric || (!field.array()
                && (type == ColumnType.COLUMN_TYPE_DATE || type == ColumnType.COLUMN_TYPE_TIMESTAMPTZ));
        boolean fits = switch (aggregate) {
            case SUM, AVG -> numeric;
            case MIN, MAX -> ordered;
            case COUNT_UNIQUE_VALUES -> type != ColumnType.COLUMN_TYPE_JSONB;
            case COUNT_EMPTY, COUNT_NOT_EMPTY, PERCENTAGE_EMPTY, PERCENTAGE_NOT_EMPTY -> true;
        };
        if (!fits) {
            throw fault(AGGREGATE, "'" + name + "': " + aggregate.prefix + " does not apply to '" + field.path() + "'");
        }
    }

    private static String dimensionSql(Dimension dimension) {
        String column = dimension.field().sql();
        if (dimension.granularity() == Granularity.NONE) {
            return column;
        }
        String unit = "'" + dimension.granularity().name().toLowerCase(Locale.ROOT) + "'";
        String value = dimension.field().type() == ColumnType.COLUMN_TYPE_TIMESTAMPTZ
                ? column + " AT TIME ZONE 'UTC'" : column;
        return "CAST(CAST(date_trunc(" + unit + ", " + value + ") AS date) AS text)";
    }

    private static String measureSql(Measure measure) {
        if (measure.aggregate() == null) {
            return "count(*)";
        }
        String column = measure.field().sql();
        String empty = empty(measure.field());
        return switch (measure.aggregate()) {
            case COUNT_EMPTY -> "count(*) FILTER (WHERE " + empty + ")";
            case COUNT_NOT_EMPTY -> "count(*) FILTER (WHERE NOT " + empty + ")";
            case COUNT_UNIQUE_VALUES -> "count(DISTINCT " + column + ")";
            case PERCENTAGE_EMPTY -> "avg(CASE WHEN " + empty + " THEN 1.0 ELSE 0.0 END)";
            case PERCENTAGE_NOT_EMPTY -> "avg(CASE WHEN " + empty + " THEN 0.0 ELSE 1.0 END)";
            case SUM -> "sum(" + column + ")";
            case AVG -> "avg(" + column + ")";
            case MIN -> "min(" + column + ")";
            case MAX -> "max(" + column + ")";
        };
    }

    /** Null, and for text an empty string and for a list an empty list, as Twenty counts empty values. */
    private static String empty(QueryField field) {
        String column = field.sql();
        if (field.array()) {
            return "(" + column + " IS NULL OR cardinality(" + column + ") = 0)";
        }
        if (field.type() == ColumnType.COLUMN_TYPE_TEXT) {
            return "(" + column + " IS NULL OR " + column + " = '')";
        }
        return "(" + column + " IS NULL)";
    }

    private static JsonNode measureValue(ResultSet row, String alias, Measure measure) throws SQLException {
        if (measure.aggregate() == null) {
            return NODES.numberNode(row.getLong(alias));
        }
        return switch (measure.aggregate()) {
            case COUNT_EMPTY, COUNT_NOT_EMPTY, COUNT_UNIQUE_VALUES -> NODES.numberNode(row.getLong(alias));
            case PERCENTAGE_EMPTY, PERCENTAGE_NOT_EMPTY, AVG -> {
                double value = row.getDouble(alias);
                yield row.wasNull() ? NODES.nullNode() : ColumnValues.doubleNode(value);
            }
            case SUM, MIN, MAX -> read(row, alias, measure.field().type());
        };
    }

    private static JsonNode read(ResultSet row, String alias, ColumnType type) throws SQLException {
        return switch (type) {
            case COLUMN_TYPE_DOUBLE -> {
                double value = row.getDouble(alias);
                yield row.wasNull() ? NODES.nullNode() : ColumnValues.doubleNode(value);
            }
            case COLUMN_TYPE_NUMERIC -> {
                BigDecimal value = row.getBigDecimal(alias);
                yield value == null ? NODES.nullNode() : NODES.numberNode(value);
            }
            case COLUMN_TYPE_BOOLEAN -> {
                boolean value = row.getBoolean(alias);
                yield row.wasNull() ? NODES.nullNode() : NODES.booleanNode(value);
            }
            case COLUMN_TYPE_DATE -> {
                LocalDate value = row.getObject(alias, LocalDate.class);
                yield value == null ? NODES.nullNode() : NODES.stringNode(value.toString());
            }
            case COLUMN_TYPE_TIMESTAMPTZ -> {
                OffsetDateTime value = row.getObject(alias, OffsetDateTime.class);
                yield value == null ? NODES.nullNode() : NODES.stringNode(ColumnValues.formatTimestamp(value));
            }
            case COLUMN_TYPE_UUID, COLUMN_TYPE_TEXT, COLUMN_TYPE_ENUM, COLUMN_TYPE_JSONB, COLUMN_TYPE_TSVECTOR,
                    COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED -> text(row.getString(alias));
        };
    }

    private static JsonNode text(String value) {
        return value == null ? NODES.nullNode() : NODES.stringNode(value);
    }

    private static JsonNode json(String text, String parameter, String expected) {
        if (text == null) {
            throw fault(parameter, expected);
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw fault(parameter, expected);
        }
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String decapitalized(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static InvalidQueryException fault(String parameter, String message) {
        return new InvalidQueryException(parameter, -1, "invalid", message);
    }
}
