package org.opencrm.metadata.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opencrm.metadata.api.Violation;
import org.opencrm.schema.FieldDefinition;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.FieldTypes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code settings} of a field. Relations, morph relations and search vectors have settings the platform writes
 * from their definition ({@link FieldTypes#settings}); a client cannot set them. The other types take the display
 * settings Twenty's front end reads, each checked against its type: a number's {@code decimals} and {@code type},
 * a text's {@code displayedMaxRows}, a date's {@code displayFormat}, how many values a multi-value field shows.
 * Types without display settings take none, so a misspelt key is a 400 rather than silently kept.
 */
final class FieldSettings {

    private static final Set<String> NUMBER_FORMATS = Set.of("number", "percentage", "shortNumber");
    private static final Set<String> DATE_FORMATS = Set.of("RELATIVE", "USER_SETTINGS", "CUSTOM");
    private static final int MAX_DECIMALS = 100;
    private static final int MAX_DATE_FORMAT_LENGTH = 64;

    /** A setting a type accepts: its name and how its value is checked. */
    private enum Rule {
        DECIMALS, NUMBER_FORMAT, POSITIVE_COUNT, NON_NEGATIVE_COUNT, DATE_FORMAT, DATE_PATTERN
    }

    private FieldSettings() {
    }

    /**
     * The display settings a client sent, checked against the field's type; null when it sent none (a missing or
     * JSON null {@code settings}, or an empty object). Problems are added to {@code violations}.
     */
    static ObjectNode read(FieldType type, JsonNode settings, List<Violation> violations) {
        if (settings == null || settings.isNull() || settings.isMissingNode()) {
            return null;
        }
        if (!(settings instanceof ObjectNode object)) {
            violations.add(new Violation("settings", "type", "settings must be an object"));
            return null;
        }
        if (object.isEmpty()) {
            return null;
        }
        if (platformOwned(type)) {
            violations.add(new Violation("settings", "platform-owned", "the settings of a " + type.typeName()
                    + " field are set by the platform"));
            return null;
        }
        Map<String, Rule> rules = rules(type);
        int before = violations.size();
        for (String key : object.propertyNames()) {
            Rule rule = rules.get(key);
            String path = "settings." + key;
            if (rule == null) {
                violations.add(new Violation(path, "unknown-setting", rules.isEmpty()
                        ? "fields of type " + type.typeName() + " take no settings"
                        : "fields of type " + type.typeName() + " take the settings " + String.join(", ",
                                rules.keySet().stream().sorted().toList())));
                continue;
            }
            check(rule, path, object.get(key), violations);
        }
        return violations.size() == before ? object.deepCopy() : null;
    }

    /** The settings to store: the platform's for the types that have them, else the display settings (or null). */
    static JsonNode stored(FieldDefinition field, ObjectNode display) {
        return platformOwned(field.type()) ? FieldTypes.settings(field) : display;
    }

    /**
     * The display settings kept when a field changes type: those the new type still accepts, or null. Settings
     * stored by the platform are never carried over.
     */
    static ObjectNode keptAcross(JsonNode stored, FieldType before, FieldType after) {
        if (!(stored instanceof ObjectNode object) || platformOwned(before) || platformOwned(after)) {
            return null;
        }
        Map<String, Rule> rules = rules(after);
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (String key : object.propertyNames()) {
            Rule rule = rules.get(key);
            if (rule != null) {
                List<Violation> problems = new ArrayList<>();
                check(rule, key, object.get(key), problems);
                if (problems.isEmpty()) {
                    kept.set(key, object.get(key));
                }
            }
        }
        return kept.isEmpty() ? null : kept;
    }

    private static boolean platformOwned(FieldType type) {
        return type instanceof FieldType.Relation || type instanceof FieldType.MorphRelation
                || type instanceof FieldType.TsVector;
    }

    private static Map<String, Rule> rules(FieldType type) {
        return switch (type) {
            case FieldType.Number n -> Map.of("decimals", Rule.DECIMALS, "type", Rule.NUMBER_FORMAT);
            case FieldType.Numeric n -> Map.of("decimals", Rule.DECIMALS, "type", Rule.NUMBER_FORMAT);
            case FieldType.Currency c -> Map.of("decimals", Rule.DECIMALS);
            case FieldType.Text t -> Map.of("displayedMaxRows", Rule.NON_NEGATIVE_COUNT);
            case FieldType.Date d -> Map.of("displayFormat", Rule.DATE_FORMAT,
                    "customUnicodeDateFormat", Rule.DATE_PATTERN);
            case FieldType.DateTime d -> Map.of("displayFormat", Rule.DATE_FORMAT,
                    "customUnicodeDateFormat", Rule.DATE_PATTERN);
            case FieldType.Emails e -> Map.of("maxNumberOfValues", Rule.POSITIVE_COUNT);
            case FieldType.Phones p -> Map.of("maxNumberOfValues", Rule.POSITIVE_COUNT);
            case FieldType.Links l -> Map.of("maxNumberOfValues", Rule.POSITIVE_COUNT);
            case FieldType.Array a -> Map.of("maxNumberOfValues", Rule.POSITIVE_COUNT);
            default -> Map.of();
        };
    }

    private static void check(Rule rule, String path, JsonNode value, List<Violation> violations) {
        switch (rule) {
            case DECIMALS -> {
                if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0
                        || value.asInt() > MAX_DECIMALS) {
                    violations.add(new Violation(path, "range", path + " must be a whole number from 0 to "
                            + MAX_DECIMALS));
                }
            }
            case POSITIVE_COUNT, NON_NEGATIVE_COUNT -> {
                int least = rule == Rule.POSITIVE_COUNT ? 1 : 0;
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < least) {
                    violations.add(new Violation(path, "range", path + " must be a whole number of at least "
                            + least));
                }
            }
            case NUMBER_FORMAT -> oneOf(path, value, NUMBER_FORMATS, violations);
            case DATE_FORMAT -> oneOf(path, value, DATE_FORMATS, violations);
            case DATE_PATTERN -> {
                if (!value.isString() || value.asString().isBlank()
                        || value.asString().length() > MAX_DATE_FORMAT_LENGTH) {
                    violations.add(new Violation(path, "type", path + " must be a date pattern of 1 to "
                            + MAX_DATE_FORMAT_LENGTH + " characters"));
                }
            }
        }
    }

    private static void oneOf(String path, JsonNode value, Set<String> allowed, List<Violation> violations) {
        if (!value.isString() || !allowed.contains(value.asString())) {
            violations.add(new Violation(path, "one-of", path + " must be one of "
                    + String.join(", ", allowed.stream().sorted().toList())));
        }
    }
}
