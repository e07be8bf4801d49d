package org.opencrm.dataapi.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Twenty's REST filter grammar into a {@link Filter}:
 *
 * <pre>
 * filter    := list                      a top-level list is an implicit and(...)
 * list      := expr ("," expr)*
 * expr      := ("and" | "or" | "not") "(" list ")" | condition
 * condition := field ("." subField)? "[" operator "]" ":" value
 * value     := scalar | "[" (scalar ("," scalar)*)? "]"      lists for in and containsAny
 * scalar    := '"' chars '"' | "'" chars "'" | bare            backslash escapes the next character in quotes
 * </pre>
 *
 * Blanks between tokens are ignored. Every fault is an {@link InvalidQueryException} naming the character where it
 * starts.
 */
public final class FilterParser {

    /** Longer filters are refused before parsing; far above what a URL carries in practice. */
    public static final int MAX_LENGTH = 20_000;
    public static final int MAX_NESTING = 32;
    public static final int MAX_CONDITIONS = 1_000;

    private static final String PARAMETER = "filter";

    private final String text;
    private int position;
    private int conditions;

    private FilterParser(String text) {
        this.text = text;
    }

    /** @throws InvalidQueryException naming the character where the filter stops making sense */
    public static Filter parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidQueryException(PARAMETER, MAX_LENGTH, "length",
                    "a filter is at most " + MAX_LENGTH + " characters long");
        }
        FilterParser parser = new FilterParser(text);
        parser.skipBlanks();
        if (parser.atEnd()) {
            return new Filter.All(List.of());
        }
        List<Filter> parts = parser.list(0, -1);
        if (!parser.atEnd()) {
            throw parser.fault(parser.position, "syntax", parser.peek() == ')'
                    ? "')' closes nothing (unbalanced parentheses)"
                    : "expected ',' or the end of the filter, found '" + parser.peek() + "'");
        }
        return parts.size() == 1 ? parts.getFirst() : new Filter.All(parts);
    }

    private List<Filter> list(int nesting, int openedAt) {
        List<Filter> parts = new ArrayList<>();
        parts.add(expression(nesting));
        skipBlanks();
        while (!atEnd() && peek() == ',') {
            position++;
            parts.add(expression(nesting));
            skipBlanks();
        }
        if (openedAt >= 0 && (atEnd() || peek() != ')')) {
            throw fault(atEnd() ? position : position, "syntax", atEnd()
                    ? "missing ')' to close the '(' at character " + openedAt + " (unbalanced parentheses)"
                    : "expected ',' or ')', found '" + peek() + "'");
        }
        return parts;
    }

    private Filter expression(int nesting) {
        skipBlanks();
        int start = position;
        String name = name();
        if (name.isEmpty()) {
            throw fault(start, "syntax", atEnd() ? "expected a condition, found the end of the filter"
                    : "expected a field name or and(, or(, not(, found '" + peek() + "'");
        }
        skipBlanks();
        if (!atEnd() && peek() == '(') {
            return conjunction(name, start, nesting);
        }
        return condition(name, start);
    }

    private Filter conjunction(String name, int start, int nesting) {
        if (nesting >= MAX_NESTING) {
            throw fault(start, "nesting", "conjunctions nest at most " + MAX_NESTING + " deep");
        }
        int openedAt = position;
        position++;
        List<Filter> parts = switch (name) {
            case "and", "or", "not" -> list(nesting + 1, openedAt);
            default -> throw fault(start, "syntax",
                    "unknown conjunction '" + name + "'; use and(...), or(...) or not(...)");
        };
        position++;
        return switch (name) {
            case "and" -> new Filter.All(parts);
            case "or" -> new Filter.Any(parts);
            default -> {
                if (parts.size() != 1) {
                    throw fault(start, "syntax", "not(...) takes exactly one condition, found " + parts.size());
                }
                yield new Filter.Not(parts.getFirst());
            }
        };
    }

    private Filter condition(String name, int start) {
        if (++conditions > MAX_CONDITIONS) {
            throw fault(start, "size", "a filter holds at most " + MAX_CONDITIONS + " conditions");
        }
        List<String> path = List.of(name.split("\\.", -1));
        if (path.stream().anyMatch(String::isEmpty)) {
            throw fault(start, "syntax", "'" + name + "' is not a field name (empty part around '.')");
        }
        expect('[', "expected '[operator]' after '" + name + "'");
        int operatorAt = position;
        int close = text.indexOf(']', position);
        if (close < 0) {
            throw fault(operatorAt, "syntax", "missing ']' after the operator");
        }
        String operatorName = text.substring(position, close).strip();
        Optional<FilterOperator> operator = FilterOperator.named(operatorName);
        if (operator.isEmpty()) {
            throw fault(operatorAt, "unknown-operator",
                    "unknown operator '" + operatorName + "'; operators are " + FilterOperator.names());
        }
        position = close + 1;
        skipBlanks();
        expect(':', "expected ':' and a value after '" + name + "[" + operatorName + "]'");
        skipBlanks();
        Filter.Value value = operator.get().takesList() ? values(operatorName) : scalar(false);
        return new Filter.Condition(path, operator.get(), value, start);
    }

    private Filter.Values values(String operatorName) {
        int start = position;
        if (atEnd() || peek() != '[') {
            throw fault(start, "syntax", "'" + operatorName + "' takes a list: [value_1,value_2]");
        }
        position++;
        List<Filter.Scalar> elements = new ArrayList<>();
        skipBlanks();
        if (!atEnd() && peek() == ']') {
            position++;
            return new Filter.Values(elements, start);
        }
        while (true) {
            skipBlanks();
            elements.add(scalar(true));
            skipBlanks();
            if (atEnd()) {
                throw fault(start, "syntax", "missing ']' to close the list");
            }
            char next = text.charAt(position++);
            if (next == ']') {
                return new Filter.Values(elements, start);
            }
            if (next != ',') {
                throw fault(position - 1, "syntax", "expected ',' or ']' in the list, found '" + next + "'");
            }
        }
    }

    private Filter.Scalar scalar(boolean inList) {
        int start = position;
        if (!atEnd() && (peek() == '"' || peek() == '\'')) {
            Filter.Scalar quoted = quoted(start);
            skipBlanks();
            if (!atEnd() && !isValueEnd(peek(), inList)) {
                throw fault(position, "quoting", "unexpected '" + peek() + "' after a quoted value");
            }
            return quoted;
        }
        while (!atEnd() && !isValueEnd(peek(), inList)) {
            char c = peek();
            if (c == '"' || c == '\'' || c == '(' || c == '[' || (!inList && c == ']')) {
                throw fault(position, "quoting", "'" + c + "' in a value must be inside quotes");
            }
            position++;
        }
        String bare = text.substring(start, position).strip();
        if (bare.isEmpty()) {
            throw fault(start, "syntax", "missing value");
        }
        return new Filter.Scalar(bare, false, start);
    }

    private Filter.Scalar quoted(int start) {
        char quote = text.charAt(position++);
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(position++);
            if (c == quote) {
                return new Filter.Scalar(value.toString(), true, start);
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = text.charAt(position++);
            }
            value.append(c);
        }
        throw fault(start, "quoting", "unterminated quoted value (missing closing " + quote + ")");
    }

    private static boolean isValueEnd(char c, boolean inList) {
        return c == ',' || c == ')' || (inList && c == ']');
    }

    private String name() {
        int start = position;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
            position++;
        }
        return text.substring(start, position);
    }

    private void expect(char c, String message) {
        if (atEnd() || peek() != c) {
            throw fault(position, "syntax", message);
        }
        position++;
    }

    private void skipBlanks() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private InvalidQueryException fault(int at, String rule, String message) {
        return new InvalidQueryException(PARAMETER, at, rule, message);
    }
}
