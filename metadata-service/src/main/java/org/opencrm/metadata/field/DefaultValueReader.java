package org.opencrm.metadata.field;

import java.util.List;
import java.util.Optional;

import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.DefaultValue;
import org.opencrm.schema.DefaultValues;
import org.opencrm.schema.FieldType;

import tools.jackson.databind.JsonNode;

/**
 * Reads a client's {@code defaultValue} for a field of a given type, accepting Twenty's quoted form of texts and
 * enum values ({@code "'NEW'"}) as well as plain ones, its function names {@code "now"} and {@code "uuid"}, and
 * for a composite field an object of its parts' defaults, any of them left out or null.
 */
final class DefaultValueReader {

    private static final String FIELD = "defaultValue";

    private DefaultValueReader() {
    }

    /** The default, empty when none was given or it is invalid (then {@code violations} says why). */
    static Optional<DefaultValue> fromApi(FieldType type, JsonNode value, List<Violation> violations) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        Optional<DefaultValue> parsed = DefaultValues.parse(type, value);
        if (parsed.isEmpty()) {
            // A composite's refusal names its part; read again only to say which.
            String reason = CompositeSubFields.isComposite(type)
                    ? DefaultValues.compositeProblem(type, value).orElseThrow()
                    : DefaultValues.expected(type);
            violations.add(new Violation(FIELD, "type", reason));
        }
        return parsed;
    }
}
