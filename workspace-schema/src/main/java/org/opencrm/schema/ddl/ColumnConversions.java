package org.opencrm.schema.ddl;

import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_BOOLEAN;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_DATE;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_DOUBLE;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_ENUM;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_NUMERIC;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_TEXT;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_TIMESTAMPTZ;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_UUID;

import java.util.Optional;
import java.util.Set;

import org.opencrm.proto.metadata.v1.ColumnType;

/**
 * The column type changes a migration may make, each with the {@code USING} expression that converts the rows:
 * <ul>
 *   <li>DOUBLE to NUMERIC and NUMERIC to DOUBLE;</li>
 *   <li>TEXT to ENUM: an empty text becomes NULL, any other value outside the enum fails the migration;</li>
 *   <li>ENUM to TEXT; ENUM to ENUM[] and TEXT to TEXT[]: a value becomes a one-element array, NULL stays NULL;</li>
 *   <li>TEXT[] or ENUM[] to TEXT: the elements joined with {@code ", "};</li>
 *   <li>BOOLEAN, DOUBLE, NUMERIC, DATE, TIMESTAMPTZ, UUID to TEXT: PostgreSQL's text form;</li>
 *   <li>DATE to TIMESTAMPTZ (midnight in the session's time zone) and TIMESTAMPTZ to DATE.</li>
 * </ul>
 * Any other pair is refused. No expression holds a subquery, which {@code ALTER COLUMN ... TYPE} forbids.
 */
public final class ColumnConversions {

    /** One side of a conversion: a column type and whether it is an array. */
    public record Shape(ColumnType type, boolean array) {
        @Override
        public String toString() {
            return type.name().substring("COLUMN_TYPE_".length()) + (array ? "[]" : "");
        }
    }

    private static final Set<ColumnType> SCALARS_TO_TEXT = Set.of(COLUMN_TYPE_BOOLEAN, COLUMN_TYPE_DOUBLE,
            COLUMN_TYPE_NUMERIC, COLUMN_TYPE_DATE, COLUMN_TYPE_TIMESTAMPTZ, COLUMN_TYPE_UUID, COLUMN_TYPE_ENUM);

    private ColumnConversions() {
    }

    /** Whether a column of shape {@code from} can become {@code to}. */
    public static boolean supports(Shape from, Shape to) {
        return template(from, to).isPresent();
    }

    /**
     * The {@code USING} expression converting {@code column} (already quoted) to {@code targetType} (the rendered
     * SQL type of the target, arrays included).
     *
     * @throws InvalidSchemaOperationException when the pair is not a supported conversion
     */
    public static String using(Shape from, Shape to, String column, String targetType) {
        String template = template(from, to).orElseThrow(() -> new InvalidSchemaOperationException(
                "no safe conversion from " + from + " to " + to));
        return template.replace("{c}", column).replace("{t}", targetType);
    }

    private static Optional<String> template(Shape from, Shape to) {
        ColumnType source = from.type();
        ColumnType target = to.type();
        if (!from.array() && !to.array()) {
            if (source == COLUMN_TYPE_DOUBLE && target == COLUMN_TYPE_NUMERIC
                    || source == COLUMN_TYPE_NUMERIC && target == COLUMN_TYPE_DOUBLE
                    || source == COLUMN_TYPE_DATE && target == COLUMN_TYPE_TIMESTAMPTZ
                    || source == COLUMN_TYPE_TIMESTAMPTZ && target == COLUMN_TYPE_DATE) {
                return Optional.of("{c}::{t}");
            }
            if (source == COLUMN_TYPE_TEXT && target == COLUMN_TYPE_ENUM) {
                return Optional.of("nullif({c}, '')::{t}");
            }
            if (SCALARS_TO_TEXT.contains(source) && target == COLUMN_TYPE_TEXT) {
                return Optional.of("{c}::text");
            }
            return Optional.empty();
        }
        if (!from.array() && (source == COLUMN_TYPE_ENUM && target == COLUMN_TYPE_ENUM
                || source == COLUMN_TYPE_TEXT && target == COLUMN_TYPE_TEXT)) {
            return Optional.of("CASE WHEN {c} IS NULL THEN NULL ELSE ARRAY[{c}::text]::{t} END");
        }
        if (from.array() && !to.array() && (source == COLUMN_TYPE_TEXT || source == COLUMN_TYPE_ENUM)
                && target == COLUMN_TYPE_TEXT) {
            return Optional.of("array_to_string({c}::text[], ', ')");
        }
        return Optional.empty();
    }
}
