package org.opencrm.auth.web;

/**
 * One reason a request was refused.
 *
 * @param field   the input field or parameter at fault
 * @param rule    a stable rule name a client can switch on, e.g. {@code min-length}
 * @param message words for a person
 */
public record Violation(String field, String rule, String message) {
}
