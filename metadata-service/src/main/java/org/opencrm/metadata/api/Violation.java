package org.opencrm.metadata.api;

/** One reason a request was refused: the input field at fault, the rule it broke, and words for a person. */
public record Violation(String field, String rule, String message) {
}
