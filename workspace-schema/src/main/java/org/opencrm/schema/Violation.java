package org.opencrm.schema;

/**
 * One broken rule of a metadata request, ready for a problem+json {@code errors} entry.
 *
 * @param field the request property at fault ("nameSingular", "options[1].value")
 * @param rule a stable kebab-case id of the rule ("camel-case", "reserved-word", "too-long"...)
 * @param message a sentence for humans naming the problem
 */
public record Violation(String field, String rule, String message) {}
