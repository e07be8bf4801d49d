package org.opencrm.dataapi.record;

import static org.opencrm.schema.SqlIdentifiers.quote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModel;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.SystemFields;
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ranked full-text search across objects on their {@code searchVector} columns, in one statement: the words of the
 * query as prefixes ({@code ada & love} finds "Ada Lovelace"), {@code to_tsquery('simple', ...)} as the vectors are
 * built, ranked by {@code ts_rank_cd} then {@code ts_rank}. Accents are folded by {@code public.unaccent_immutable}
 * when the database has it.
 */
class RecordSearch {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    /** Letters and digits of any script; everything else separates words and never reaches the tsquery syntax. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_WORDS = 16;
    private static final Duration UNACCENT_RECHECK = Duration.ofMinutes(1);

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private volatile Instant unaccentCheckedAt = Instant.MIN;
    private volatile boolean unaccent;

    RecordSearch(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One hit: {@code {"recordId", "objectNameSingular", "label", "tsRank", "tsRankCD"}}. */
    @Transactional(readOnly = true)
    public ArrayNode search(WorkspaceDataModel model, List<ObjectModel> objects, String query, int limit) {
        ArrayNode hits = JsonNodeFactory.instance.arrayNode();
        String tsquery = tsquery(query);
        List<String> parts = new ArrayList<>();
        MapSqlParameterSource parameters = new MapSqlParameterSource("query", tsquery)
                .addValue("limit", limit);
        String matched = unaccentAvailable() ? "to_tsquery('simple', public.unaccent_immutable(:query))"
                : "to_tsquery('simple', :query)";
        Set<String> searchable = tablesWithSearchVector(WorkspaceSchemaName.of(model.workspaceId()));
        for (ObjectModel object : objects) {
            if (!searchable.contains(object.tableName())) {
                continue;
            }
            String name = "object" + parts.size();
            parameters.addValue(name, object.nameSingular());
            String column = quote(SystemFields.SEARCH_VECTOR);
            RecordTable table = new RecordTable(model.workspaceId(), object);
            parts.add("(SELECT CAST(:" + name + " AS text) AS \"objectNameSingular\", " + quote(SystemFields.ID)
                    + " AS \"recordId\", " + label(object) + " AS \"label\", ts_rank(" + column + ", " + matched
                    + ") AS \"tsRank\", ts_rank_cd(" + column + ", " + matched + ") AS \"tsRankCD\" FROM "
                    + table.qualifiedName() + " WHERE " + column + " @@ " + matched + " AND "
                    + quote(SystemFields.DELETED_AT) + " IS NULL ORDER BY \"tsRankCD\" DESC, \"tsRank\" DESC LIMIT :limit)");
        }
        if (tsquery.isEmpty() || parts.isEmpty()) {
            return hits;
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", parts)
                + ") hits ORDER BY \"tsRankCD\" DESC, \"tsRank\" DESC, \"objectNameSingular\", \"recordId\" LIMIT :limit";
        jdbc.query(sql, parameters, row -> {
            ObjectNode hit = hits.addObject();
            hit.put("recordId", row.getObject("recordId", UUID.class).toString());
            hit.put("objectNameSingular", row.getString("objectNameSingular"));
            hit.put("label", row.getString("label"));
            hit.put("tsRank", row.getDouble("tsRank"));
            hit.put("tsRankCD", row.getDouble("tsRankCD"));
        });
        return hits;
    }

    /**
     * The tables of the schema that have a search vector. The data model leaves the vector out (it is never part of a
     * record), and a table whose migration is in flight may lack it: asking the catalog keeps one such table from
     * failing the whole search.
     */
    private Set<String> tablesWithSearchVector(String schema) {
        return new HashSet<>(jdbc.getJdbcTemplate().queryForList("SELECT table_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND column_name = ?", String.class, schema, SystemFields.SEARCH_VECTOR));
    }

    /** {@code "Ada  Love-lace"} → {@code ada:* & love:* & lace:*}; empty when the query holds no word. */
    static String tsquery(String query) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(query);
        while (matcher.find() && words.size() < MAX_WORDS) {
            words.add(matcher.group().toLowerCase(Locale.ROOT) + ":*");
        }
        return String.join(" & ", words);
    }

    /** What Twenty shows as a hit's label: the name (first and last for a person), else the title. */
    private static String label(ObjectModel object) {
        for (String candidate : List.of("name", "title")) {
            FieldModel field = object.field(candidate).orElse(null);
            if (field == null) {
                continue;
            }
            if (field.type() instanceof FieldType.Text) {
                return quote(field.columns().getFirst().columnName());
            }
            if (field.type() instanceof FieldType.FullName) {
                return "concat_ws(' ', NULLIF(" + quote(field.columns().get(0).columnName()) + ", ''), NULLIF("
                        + quote(field.columns().get(1).columnName()) + ", ''))";
            }
        }
        return "CAST(NULL AS text)";
    }

    /** Whether {@code public.unaccent_immutable(text)} exists, asked again at most once a minute. */
    private boolean unaccentAvailable() {
        Instant now = clock.instant();
        if (now.isAfter(unaccentCheckedAt.plus(UNACCENT_RECHECK))) {
            Boolean exists = jdbc.getJdbcTemplate().queryForObject(
                    "SELECT to_regprocedure('public.unaccent_immutable(text)') IS NOT NULL", Boolean.class);
            unaccent = Boolean.TRUE.equals(exists);
            unaccentCheckedAt = now;
        }
        return unaccent;
    }
}
