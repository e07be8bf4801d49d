package org.opencrm.schema;

import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_ENUM;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_JSONB;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_NUMERIC;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_TEXT;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_UUID;

import java.util.List;
import org.opencrm.proto.metadata.v1.ColumnType;

/**
 * The parts of Twenty's composite field types, in Twenty's order and with Twenty's defaults: what maps a
 * nested JSON value ({@code "name": {"firstName": ...}}) onto flat columns ({@code nameFirstName}).
 *
 * <p>Searchable parts are Twenty's: every text part, except that rich text is searched by its markdown only and a
 * phone by its number and calling code only.
 */
public final class CompositeSubFields {

    /** Values of the ACTOR type's {@code source} enum, as Twenty's FieldActorSource. */
    public static final List<String> ACTOR_SOURCES =
            List.of("EMAIL", "CALENDAR", "WORKFLOW", "API", "IMPORT", "MANUAL", "SYSTEM", "WEBHOOK");

    private static final DefaultValue EMPTY = new DefaultValue.Text("");

    private static final List<CompositeSubField> FULL_NAME = List.of(
            text("firstName", true, true),
            text("lastName", true, true));

    private static final List<CompositeSubField> EMAILS = List.of(
            text("primaryEmail", true, true),
            json("additionalEmails"));

    private static final List<CompositeSubField> PHONES = List.of(
            text("primaryPhoneNumber", true, true),
            text("primaryPhoneCountryCode", false, false),
            text("primaryPhoneCallingCode", false, true),
            json("additionalPhones"));

    private static final List<CompositeSubField> LINKS = List.of(
            text("primaryLinkLabel", false, true),
            text("primaryLinkUrl", true, true),
            json("secondaryLinks"));

    private static final List<CompositeSubField> ADDRESS = List.of(
            text("addressStreet1", true, true),
            text("addressStreet2", true, true),
            text("addressCity", true, true),
            text("addressPostcode", true, true),
            text("addressState", true, true),
            text("addressCountry", true, true),
            part("addressLat", COLUMN_TYPE_NUMERIC, null, false),
            part("addressLng", COLUMN_TYPE_NUMERIC, null, false));

    private static final List<CompositeSubField> CURRENCY = List.of(
            part("amountMicros", COLUMN_TYPE_NUMERIC, null, true),
            text("currencyCode", true, true));

    private static final List<CompositeSubField> ACTOR = List.of(
            new CompositeSubField("source", COLUMN_TYPE_ENUM, ACTOR_SOURCES,
                    new DefaultValue.EnumValue("MANUAL"), false, false),
            part("workspaceMemberId", COLUMN_TYPE_UUID, null, false),
            text("name", false, true),
            json("context"));

    private static final List<CompositeSubField> RICH_TEXT_V2 = List.of(
            new CompositeSubField("blocknote", COLUMN_TYPE_TEXT, List.of(), null, false, false),
            new CompositeSubField("markdown", COLUMN_TYPE_TEXT, List.of(), null, false, true));

    private CompositeSubFields() {}

    /** The parts of a composite type, in column order; empty for an atomic type. */
    public static List<CompositeSubField> of(FieldType type) {
        return switch (type) {
            case FieldType.FullName t -> FULL_NAME;
            case FieldType.Emails t -> EMAILS;
            case FieldType.Phones t -> PHONES;
            case FieldType.Links t -> LINKS;
            case FieldType.Address t -> ADDRESS;
            case FieldType.Currency t -> CURRENCY;
            case FieldType.Actor t -> ACTOR;
            case FieldType.RichTextV2 t -> RICH_TEXT_V2;
            case FieldType.Uuid t -> List.of();
            case FieldType.Text t -> List.of();
            case FieldType.Number t -> List.of();
            case FieldType.Numeric t -> List.of();
            case FieldType.Boolean t -> List.of();
            case FieldType.Date t -> List.of();
            case FieldType.DateTime t -> List.of();
            case FieldType.Select t -> List.of();
            case FieldType.MultiSelect t -> List.of();
            case FieldType.Rating t -> List.of();
            case FieldType.RawJson t -> List.of();
            case FieldType.Array t -> List.of();
            case FieldType.Position t -> List.of();
            case FieldType.RichText t -> List.of();
            case FieldType.TsVector t -> List.of();
            case FieldType.Relation t -> List.of();
            case FieldType.MorphRelation t -> List.of();
        };
    }

    public static boolean isComposite(FieldType type) {
        return !of(type).isEmpty();
    }

    /** {@code <field><SubField>}: {@code columnName("name", "firstName")} is {@code nameFirstName}. */
    public static String columnName(String fieldName, String subField) {
        return fieldName + Character.toUpperCase(subField.charAt(0)) + subField.substring(1);
    }

    private static CompositeSubField text(String name, boolean inUniqueIndex, boolean searchable) {
        return new CompositeSubField(name, COLUMN_TYPE_TEXT, List.of(), EMPTY, inUniqueIndex, searchable);
    }

    private static CompositeSubField json(String name) {
        return new CompositeSubField(name, COLUMN_TYPE_JSONB, List.of(), null, false, false);
    }

    private static CompositeSubField part(
            String name, ColumnType type, DefaultValue defaultValue, boolean inUniqueIndex) {
        return new CompositeSubField(name, type, List.of(), defaultValue, inUniqueIndex, false);
    }
}
