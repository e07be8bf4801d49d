package org.opencrm.dataapi.record;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.opencrm.schema.FieldType;

import tools.jackson.databind.JsonNode;

/**
 * The formats of the composite parts Twenty gives a meaning to: email addresses, link URLs, phone numbers,
 * country and calling codes, ISO 4217 currency codes, whole amounts in micros, coordinates. An empty string is
 * the "no value" of a text part and always fits.
 */
final class ValueFormats {

    /**
     * As lenient as Twenty's own check: one {@code @}, no spaces, a dot in the domain. Top-level domains are not
     * checked against a list, which would refuse every domain newer than the list.
     */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
    /** A host name: labels of letters, digits and hyphens, with a dot, or localhost. */
    private static final Pattern HOST = Pattern.compile("(?i)([a-z0-9\\p{L}]([a-z0-9\\p{L}-]*[a-z0-9\\p{L}])?\\.)+"
            + "[a-z\\p{L}][a-z0-9\\p{L}-]*|localhost|\\d{1,3}(\\.\\d{1,3}){3}");
    /** Digits and the separators people write between them; E.164 allows at most 15 digits. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9()\\-.\\s]*");
    private static final Pattern CALLING_CODE = Pattern.compile("\\+[0-9]{1,4}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private ValueFormats() {
    }

    /** The broken rules of a non-null part {@code subField} of a composite of {@code type}. */
    static List<Violation> check(FieldType type, String subField, String path, JsonNode value) {
        return switch (type) {
            case FieldType.Emails t -> switch (subField) {
                case "primaryEmail" -> email(path, value);
                case "additionalEmails" -> each(path, value, ValueFormats::email);
                default -> List.of();
            };
            case FieldType.Links t -> switch (subField) {
                case "primaryLinkUrl" -> url(path, value);
                case "secondaryLinks" -> each(path, value, (element, node) -> node.isObject()
                        ? url(element + ".url", node.path("url"))
                        : List.of(new Violation(element, "type", "'" + element + "' must be an object {label, url}")));
                default -> List.of();
            };
            case FieldType.Phones t -> switch (subField) {
                case "primaryPhoneNumber" -> phone(path, value);
                case "primaryPhoneCountryCode" -> country(path, value);
                case "primaryPhoneCallingCode" -> callingCode(path, value);
                case "additionalPhones" -> each(path, value, ValueFormats::additionalPhone);
                default -> List.of();
            };
            case FieldType.Currency t -> switch (subField) {
                case "currencyCode" -> currency(path, value);
                case "amountMicros" -> value.isIntegralNumber() || (value.isNumber()
                        && value.decimalValue().stripTrailingZeros().scale() <= 0)
                        ? List.of()
                        : List.of(new Violation(path, "whole-number", "'" + path + "' must be a whole number of micros"
                                + " (1.5 units is 1500000)"));
                default -> List.of();
            };
            case FieldType.Address t -> switch (subField) {
                case "addressLat" -> range(path, value, 90);
                case "addressLng" -> range(path, value, 180);
                default -> List.of();
            };
            default -> List.of();
        };
    }

    private interface ElementRule {
        List<Violation> check(String path, JsonNode value);
    }

    private static List<Violation> each(String path, JsonNode value, ElementRule rule) {
        if (!value.isArray()) {
            return List.of(new Violation(path, "type", "'" + path + "' must be an array"));
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            violations.addAll(rule.check(path + "[" + i + "]", value.get(i)));
        }
        return violations;
    }

    private static List<Violation> email(String path, JsonNode value) {
        if (blank(value) || (value.isString() && EMAIL.matcher(value.asString()).matches())) {
            return List.of();
        }
        return List.of(new Violation(path, "email", "'" + path + "' must be an email address (name@example.com)"));
    }

    /** Twenty stores links as typed, often without a scheme ({@code example.com}); https is assumed then. */
    private static List<Violation> url(String path, JsonNode value) {
        if (blank(value)) {
            return List.of();
        }
        if (value.isString()) {
            String url = value.asString().strip();
            try {
                URI uri = new URI(url.contains("://") ? url : "https://" + url);
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                        && HOST.matcher(uri.getHost()).matches()) {
                    return List.of();
                }
            } catch (URISyntaxException e) {
                // falls through to the violation
            }
        }
        return List.of(new Violation(path, "url", "'" + path + "' must be a URL (https://example.com or example.com)"));
    }

    private static List<Violation> phone(String path, JsonNode value) {
        if (blank(value)) {
            return List.of();
        }
        if (value.isString() && PHONE.matcher(value.asString()).matches()) {
            long digits = value.asString().chars().filter(Character::isDigit).count();
            if (digits >= 3 && digits <= 15) {
                return List.of();
            }
        }
        return List.of(new Violation(path, "phone",
                "'" + path + "' must be a phone number of 3 to 15 digits (separators ( ) - . and spaces allowed)"));
    }

    private static List<Violation> country(String path, JsonNode value) {
        if (blank(value) || (value.isString() && COUNTRIES.contains(value.asString()))) {
            return List.of();
        }
        return List.of(new Violation(path, "country-code", "'" + path + "' must be an ISO 3166 country code (FR, US)"));
    }

    private static List<Violation> callingCode(String path, JsonNode value) {
        if (blank(value) || (value.isString() && CALLING_CODE.matcher(value.asString()).matches())) {
            return List.of();
        }
        return List.of(new Violation(path, "calling-code", "'" + path + "' must be a calling code (+33, +1)"));
    }

    private static List<Violation> additionalPhone(String path, JsonNode value) {
        if (!value.isObject()) {
            return List.of(new Violation(path, "type", "'" + path + "' must be an object {number, countryCode, "
                    + "callingCode}"));
        }
        List<Violation> violations = new ArrayList<>();
        violations.addAll(phone(path + ".number", value.path("number")));
        if (value.has("countryCode") && !value.get("countryCode").isNull()) {
            violations.addAll(country(path + ".countryCode", value.get("countryCode")));
        }
        if (value.has("callingCode") && !value.get("callingCode").isNull()) {
            violations.addAll(callingCode(path + ".callingCode", value.get("callingCode")));
        }
        return violations;
    }

    private static List<Violation> currency(String path, JsonNode value) {
        if (blank(value)) {
            return List.of();
        }
        if (value.isString()) {
            try {
                Currency.getInstance(value.asString());
                return List.of();
            } catch (IllegalArgumentException e) {
                // falls through to the violation
            }
        }
        return List.of(new Violation(path, "currency-code", "'" + path + "' must be an ISO 4217 currency code (USD, EUR)"));
    }

    private static List<Violation> range(String path, JsonNode value, double limit) {
        if (value.isNumber() && Math.abs(value.doubleValue()) <= limit) {
            return List.of();
        }
        return List.of(new Violation(path, "range", "'" + path + "' must be between -" + (int) limit + " and "
                + (int) limit));
    }

    private static boolean blank(JsonNode value) {
        return value.isString() && value.asString().isEmpty();
    }
}
