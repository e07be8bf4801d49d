package org.opencrm.dataapi.query;

/**
 * A query parameter ({@code filter}, {@code order_by}, {@code group_by}, ...) that cannot be read or does not fit the
 * object: names the parameter, the character where the fault starts, and the rule broken. Its message never holds SQL.
 */
public class InvalidQueryException extends RuntimeException {

    private final String parameter;
    private final int offset;
    private final String rule;

    /**
     * @param offset the 0-based character of the parameter's value where the fault starts, -1 when it is the whole
     *               value
     * @param rule   a stable kebab-case id of the rule ({@code "syntax"}, {@code "unknown-field"}, {@code "type"})
     */
    public InvalidQueryException(String parameter, int offset, String rule, String message) {
        super(offset < 0 ? "'" + parameter + "': " + message
                : "'" + parameter + "' at character " + offset + ": " + message);
        this.parameter = parameter;
        this.offset = offset;
        this.rule = rule;
    }

    public String parameter() {
        return parameter;
    }

    public int offset() {
        return offset;
    }

    public String rule() {
        return rule;
    }
}
