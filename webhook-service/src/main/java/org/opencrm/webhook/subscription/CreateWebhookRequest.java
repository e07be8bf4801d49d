package org.opencrm.webhook.subscription;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.opencrm.webhook.FieldViolation;
import org.opencrm.webhook.InvalidRequestException;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /rest/webhooks}, read field by field so every wrong type or value is reported against
 * the field it is in.
 *
 * @param secret null when the caller wants one generated
 */
record CreateWebhookRequest(String targetUrl, List<String> operations, String secret, String description) {

    static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_SECRET_LENGTH = 256;
    static final int MAX_DESCRIPTION_LENGTH = 1024;
    static final int MAX_OPERATIONS = 100;

    static CreateWebhookRequest parse(JsonNode body, TargetUrlValidator targetUrlValidator) {
        List<FieldViolation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(List.of(new FieldViolation("body", "type", "The body must be a JSON object")));
        }
        String targetUrl = optionalString(body, "targetUrl", violations);
        if (violations.isEmpty()) {
            targetUrlValidator.check(targetUrl).ifPresent(violations::add);
        }
        List<String> operations = operations(body.get("operations"), violations);
        String secret = optionalString(body, "secret", violations);
        if (secret != null) {
            secretViolation(secret).ifPresent(violations::add);
        }
        String description = optionalString(body, "description", violations);
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            violations.add(new FieldViolation("description", "max-length",
                    "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new CreateWebhookRequest(targetUrl, operations, secret, description);
    }

    private static String optionalString(JsonNode body, String field, List<FieldViolation> violations) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            violations.add(new FieldViolation(field, "type", field + " must be a string"));
            return null;
        }
        return value.stringValue();
    }

    private static List<String> operations(JsonNode value, List<FieldViolation> violations) {
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            violations.add(new FieldViolation("operations", "required",
                    "operations must list at least one operation, e.g. [\"person.created\"] or [\"*.*\"]"));
            return List.of();
        }
        if (!value.isArray()) {
            violations.add(new FieldViolation("operations", "type", "operations must be an array of strings"));
            return List.of();
        }
        if (value.size() > MAX_OPERATIONS) {
            violations.add(new FieldViolation("operations", "max-size", "operations may list at most " + MAX_OPERATIONS + " operations"));
            return List.of();
        }
        LinkedHashSet<String> operations = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String field = "operations[" + i + "]";
            if (!element.isString()) {
                violations.add(new FieldViolation(field, "type", field + " must be a string"));
            } else if (!OperationSyntax.isWellFormed(element.stringValue())) {
                violations.add(new FieldViolation(field, "operation", field + " '" + element.stringValue()
                        + "' must be <object|*>.<created|updated|deleted|destroyed|restored|*>"));
            } else {
                operations.add(element.stringValue());
            }
        }
        return List.copyOf(operations);
    }

    private static Optional<FieldViolation> secretViolation(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            return Optional.of(new FieldViolation("secret", "min-length", "secret must be at least " + MIN_SECRET_LENGTH + " characters"));
        }
        if (secret.length() > MAX_SECRET_LENGTH) {
            return Optional.of(new FieldViolation("secret", "max-length", "secret must be at most " + MAX_SECRET_LENGTH + " characters"));
        }
        if (secret.startsWith(WebhookSecrets.STANDARD_PREFIX)) {
            try {
                Base64.getDecoder().decode(secret.substring(WebhookSecrets.STANDARD_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return Optional.of(new FieldViolation("secret", "base64",
                        "a secret starting with " + WebhookSecrets.STANDARD_PREFIX + " must continue in base64"));
            }
        }
        return Optional.empty();
    }
}
