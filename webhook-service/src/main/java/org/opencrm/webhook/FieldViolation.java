package org.opencrm.webhook;

/**
 * One reason a request was refused, as it appears in a validation problem's {@code errors} array.
 *
 * @param field   the request field or parameter at fault, e.g. {@code targetUrl}
 * @param rule    a stable rule name a client can switch on, e.g. {@code public-address}
 * @param message what is wrong, for the developer reading it
 */
public record FieldViolation(String field, String rule, String message) {
}
