package org.opencrm.metadata.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The body of a metadata PATCH: a JSON object whose properties are each one the resource lets clients change.
 * Unknown properties and those that never change are refused, all at once, before anything is read.
 */
public final class PatchBody {

    private final JsonNode body;

    private PatchBody(JsonNode body) {
        this.body = body;
    }

    /**
     * @param mutable the properties a PATCH may set
     * @param immutable the properties the resource shows but a PATCH may not set (refused as "immutable")
     * @throws InvalidInputException if the body is not an object or names another property
     */
    public static PatchBody of(JsonNode body, Set<String> mutable, Set<String> immutable) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "type", "the request body must be a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        for (String property : body.propertyNames()) {
            if (immutable.contains(property)) {
                violations.add(new Violation(property, "immutable", property + " cannot be changed"));
            } else if (!mutable.contains(property)) {
                violations.add(new Violation(property, "unknown-property",
                        "'" + property + "' is not a property that can be updated; allowed: " + mutable.stream()
                                .sorted().toList()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new PatchBody(body);
    }

    public boolean has(String property) {
        return body.has(property);
    }

    /** The property's value; a JSON null when it was sent as null. */
    public JsonNode get(String property) {
        return body.get(property);
    }

    /** A text property that must not be null when present. */
    public String text(String property) {
        JsonNode value = body.get(property);
        if (value == null || !value.isString()) {
            throw new InvalidInputException(property, "type", property + " must be a text");
        }
        return value.asString();
    }

    /** A text property that may be null (to clear it). */
    public String nullableText(String property) {
        JsonNode value = body.get(property);
        if (value == null || value.isNull()) {
            return null;
        }
        return text(property);
    }

    public boolean bool(String property) {
        JsonNode value = body.get(property);
        if (value == null || !value.isBoolean()) {
            throw new InvalidInputException(property, "type", property + " must be true or false");
        }
        return value.asBoolean();
    }
}
