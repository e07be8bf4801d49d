package org.opencrm.dataapi.query;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** The bound values of one statement, each under a fresh name ({@code :q0}, {@code :q1}, ...). */
public final class SqlParameters {

    private final MapSqlParameterSource source;
    private int next;

    public SqlParameters() {
        this(new MapSqlParameterSource());
    }

    /** Adds to parameters that already hold other names (never starting with {@code q}). */
    public SqlParameters(MapSqlParameterSource source) {
        this.source = source;
    }

    /** Binds the value and gives its placeholder. */
    public String bind(Object value) {
        String name = "q" + next++;
        source.addValue(name, value);
        return ":" + name;
    }

    public MapSqlParameterSource source() {
        return source;
    }
}
