package org.opencrm.dataapi.importing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencrm.dataapi.record.RecordCopyRows;
import org.opencrm.dataapi.record.Violation;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.schema.FieldType;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each column of an imported CSV fills: a field by name ({@code jobTitle}), a composite part by path
 * ({@code name.firstName}) or as Twenty's import and export name it ({@code First Name (name)}), and how its text
 * becomes the JSON value the records API checks. An empty cell leaves the field out (its default applies).
 */
final class CsvColumns {

    /** Twenty's "Amount" column holds currency units; the part it fills holds micros. */
    private static final String AMOUNT = "amount";
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    /** Twenty's labels of composite parts in its spreadsheet import and CSV export, by field type. */
    private static final Map<Class<? extends FieldType>, Map<String, String>> TWENTY_PART_LABELS = Map.of(
            FieldType.FullName.class, Map.of("first name", "firstName", "last name", "lastName"),
            FieldType.Currency.class, Map.of("currency code", "currencyCode", "amount", AMOUNT),
            FieldType.Address.class, Map.of("address 1", "addressStreet1", "address 2", "addressStreet2",
                    "city", "addressCity", "post code", "addressPostcode", "state", "addressState",
                    "country", "addressCountry", "latitude", "addressLat", "longitude", "addressLng"),
            FieldType.Links.class, Map.of("link url", "primaryLinkUrl", "link label", "primaryLinkLabel"),
            FieldType.Emails.class, Map.of("email", "primaryEmail"),
            FieldType.Phones.class, Map.of("phone country code", "primaryPhoneCountryCode",
                    "phone number", "primaryPhoneNumber", "phone calling code", "primaryPhoneCallingCode"),
            FieldType.RichTextV2.class, Map.of("blocknote", "blocknote", "markdown", "markdown"));

    private static final Pattern TWENTY_PART = Pattern.compile("^(.+) \\(([A-Za-z][A-Za-z0-9]*)\\)$");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One CSV column: the property, the composite part (null for a whole field) and that part's column. */
    private record Target(String header, String property, String part, Column column, boolean units) {
    }

    private final List<Target> targets;
    private final JsonMapper json;

    private CsvColumns(List<Target> targets, JsonMapper json) {
        this.targets = targets;
        this.json = json;
    }

    /**
     * Maps the header row; every column must name something the object has, once.
     *
     * @throws ImportRejectedException naming every column at fault
     */
    static CsvColumns of(List<String> header, RecordCopyRows rows, JsonMapper json) {
        List<Target> targets = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : header) {
            String name = raw.strip();
            Optional<Target> target = target(name, rows);
            if (target.isEmpty()) {
                violations.add(new Violation(name, "unknown-column", "'" + rows.object().nameSingular()
                        + "' has no field or composite part '" + name + "'"));
            } else if (!seen.add(target.get().property() + "." + target.get().part())) {
                violations.add(new Violation(name, "duplicate-column", "'" + name + "' fills a field another column fills"));
            } else {
                targets.add(target.get());
            }
        }
        if (!violations.isEmpty()) {
            throw new ImportRejectedException(violations);
        }
        return new CsvColumns(targets, json);
    }

    private static Optional<Target> target(String name, RecordCopyRows rows) {
        Optional<List<String>> parts = rows.parts(name);
        if (parts.isPresent()) {
            return Optional.of(new Target(name, name, null, rows.column(name, null).orElse(null), false));
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            String property = name.substring(0, dot);
            String part = name.substring(dot + 1);
            if (rows.parts(property).map(list -> list.contains(part)).orElse(false)) {
                return Optional.of(new Target(name, property, part, rows.column(property, part).orElseThrow(), false));
            }
            return Optional.empty();
        }
        Matcher twenty = TWENTY_PART.matcher(name);
        if (twenty.matches()) {
            String property = twenty.group(2);
            Map<String, String> labels = rows.field(property)
                    .map(field -> TWENTY_PART_LABELS.getOrDefault(field.type().getClass(), Map.of()))
                    .orElse(Map.of());
            String label = twenty.group(1).strip().toLowerCase(Locale.ROOT);
            String part = labels.get(label);
            if (part != null) {
                boolean units = label.equals(AMOUNT);
                String realPart = units ? "amountMicros" : part;
                return rows.column(property, realPart)
                        .map(column -> new Target(name, property, realPart, column, units));
            }
        }
        return Optional.empty();
    }

    int size() {
        return targets.size();
    }

    /**
     * The record's JSON from one CSV record's cells.
     *
     * @throws ImportRejectedException for a record whose cell count differs from the header's
     */
    ObjectNode record(List<String> cells) {
        if (cells.size() != targets.size()) {
            throw new ImportRejectedException(List.of(new Violation("row", "cell-count",
                    "the row has " + cells.size() + " cells, the header " + targets.size())));
        }
        ObjectNode record = NODES.objectNode();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            Target target = targets.get(i);
            if (target.part() == null) {
                record.set(target.property(), value(cell, target.column(), false));
            } else {
                JsonNode parts = record.get(target.property());
                ObjectNode object = parts instanceof ObjectNode existing ? existing : record.putObject(target.property());
                object.set(target.part(), value(cell, target.column(), target.units()));
            }
        }
        return record;
    }

    /**
     * A cell's text as the JSON the field's rules expect; text that does not parse stays a string, so the rules name
     * the field and what it must be.
     */
    private JsonNode value(String cell, Column column, boolean units) {
        if (column == null) {
            return parsedJson(cell);
        }
        if (column.getArray()) {
            if (cell.startsWith("[")) {
                return parsedJson(cell);
            }
            ArrayNode elements = NODES.arrayNode();
            for (String element : cell.split(",")) {
                if (!element.isBlank()) {
                    elements.add(element.strip());
                }
            }
            return elements;
        }
        return switch (column.getType()) {
            case COLUMN_TYPE_DOUBLE, COLUMN_TYPE_NUMERIC -> {
                try {
                    BigDecimal number = new BigDecimal(cell.strip());
                    yield NODES.numberNode(units ? number.multiply(MICROS) : number);
                } catch (NumberFormatException e) {
                    yield NODES.stringNode(cell);
                }
            }
            case COLUMN_TYPE_BOOLEAN -> switch (cell.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> NODES.booleanNode(true);
                case "false" -> NODES.booleanNode(false);
                default -> NODES.stringNode(cell);
            };
            case COLUMN_TYPE_JSONB -> parsedJson(cell);
            default -> NODES.stringNode(cell);
        };
    }

    private JsonNode parsedJson(String cell) {
        try {
            return json.readTree(cell);
        } catch (JacksonException e) {
            return NODES.stringNode(cell);
        }
    }
}
