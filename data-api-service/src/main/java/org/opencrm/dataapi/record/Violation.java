package org.opencrm.dataapi.record;

/**
 * One broken rule of a record request, an entry of a problem's {@code errors}.
 *
 * @param field the property or parameter at fault ({@code "name.firstName"}, {@code "limit"})
 * @param rule  a stable kebab-case id of the rule ({@code "type"}, {@code "unknown-field"}, {@code "option"})
 * @param message a sentence for humans
 */
public record Violation(String field, String rule, String message) {

    /** The rule of a property that the object does not have; a reload of the metadata may make it known. */
    static final String UNKNOWN_FIELD = "unknown-field";
}
