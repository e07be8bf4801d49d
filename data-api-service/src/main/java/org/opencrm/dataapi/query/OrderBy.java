package org.opencrm.dataapi.query;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.schema.SystemFields;

/**
 * A total order of records: Twenty's {@code order_by=field[AscNullsFirst],name.firstName[DescNullsLast]}, always
 * ending with {@code id} (in the last key's direction) so that no two records tie and keyset paging sees each
 * record once.
 */
public record OrderBy(List<SortKey> keys) {

    public static final int MAX_KEYS = 8;
    private static final String PARAMETER = "order_by";

    /** One key of the order. */
    public record SortKey(QueryField field, Direction direction) {
    }

    /** Twenty's four directions. */
    public enum Direction {
        AscNullsFirst(false, true),
        AscNullsLast(false, false),
        DescNullsFirst(true, true),
        DescNullsLast(true, false);

        private final boolean descending;
        private final boolean nullsFirst;

        Direction(boolean descending, boolean nullsFirst) {
            this.descending = descending;
            this.nullsFirst = nullsFirst;
        }

        public boolean descending() {
            return descending;
        }

        public boolean nullsFirst() {
            return nullsFirst;
        }

        /** The direction that reads the same order backwards. */
        public Direction reversed() {
            return switch (this) {
                case AscNullsFirst -> DescNullsLast;
                case AscNullsLast -> DescNullsFirst;
                case DescNullsFirst -> AscNullsLast;
                case DescNullsLast -> AscNullsFirst;
            };
        }

        String sql() {
            return (descending ? "DESC" : "ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    public OrderBy {
        keys = List.copyOf(keys);
    }

    /**
     * @param text the parameter, or null for the default order (position, then id)
     * @throws InvalidQueryException naming the character of the key at fault
     */
    public static OrderBy parse(String text, ObjectModel object) {
        List<SortKey> keys = new ArrayList<>();
        if (text == null || text.isBlank()) {
            object.field(SystemFields.POSITION).ifPresent(position -> keys.add(new SortKey(
                    QueryFields.resolve(object, List.of(SystemFields.POSITION), PARAMETER, 0), Direction.AscNullsLast)));
        } else {
            int offset = 0;
            for (String item : text.split(",", -1)) {
                keys.add(key(item, offset + leadingBlanks(item), object));
                offset += item.length() + 1;
            }
            if (keys.size() > MAX_KEYS) {
                throw new InvalidQueryException(PARAMETER, -1, "size", "at most " + MAX_KEYS + " sort keys");
            }
        }
        boolean hasId = keys.stream().anyMatch(key -> key.field().columnName().equals(SystemFields.ID));
        if (!hasId) {
            // id follows the last key's direction, so a one-direction order stays one row comparison
            boolean descending = !keys.isEmpty() && keys.getLast().direction().descending();
            keys.add(new SortKey(QueryFields.resolve(object, List.of(SystemFields.ID), PARAMETER, 0),
                    descending ? Direction.DescNullsLast : Direction.AscNullsFirst));
        }
        return new OrderBy(keys);
    }

    private static SortKey key(String item, int offset, ObjectModel object) {
        String key = item.strip();
        if (key.isEmpty()) {
            throw new InvalidQueryException(PARAMETER, offset, "syntax", "empty sort key");
        }
        Direction direction = Direction.AscNullsFirst;
        String path = key;
        int open = key.indexOf('[');
        if (open >= 0) {
            if (!key.endsWith("]")) {
                throw new InvalidQueryException(PARAMETER, offset + open, "syntax", "missing ']' after the direction");
            }
            path = key.substring(0, open).strip();
            String name = key.substring(open + 1, key.length() - 1).strip();
            direction = direction(name, offset + open + 1);
        }
        if (!path.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)?")) {
            throw new InvalidQueryException(PARAMETER, offset, "syntax", "'" + path + "' is not a field name");
        }
        QueryField field = QueryFields.resolve(object, List.of(path.split("\\.")), PARAMETER, offset);
        if (field.array() || field.type() == ColumnType.COLUMN_TYPE_JSONB
                || field.type() == ColumnType.COLUMN_TYPE_TSVECTOR) {
            throw new InvalidQueryException(PARAMETER, offset, "unsortable", "'" + path + "' cannot be sorted on");
        }
        return new SortKey(field, direction);
    }

    private static Direction direction(String name, int offset) {
        for (Direction direction : Direction.values()) {
            if (direction.name().equals(name)) {
                return direction;
            }
        }
        throw new InvalidQueryException(PARAMETER, offset, "syntax", "unknown direction '" + name
                + "'; use AscNullsFirst, AscNullsLast, DescNullsFirst or DescNullsLast");
    }

    private static int leadingBlanks(String item) {
        int blanks = 0;
        while (blanks < item.length() && Character.isWhitespace(item.charAt(blanks))) {
            blanks++;
        }
        return blanks;
    }

    /** The same keys read backwards: what {@code ending_before} reads before reversing the rows. */
    public OrderBy reversed() {
        return new OrderBy(keys.stream().map(key -> new SortKey(key.field(), key.direction().reversed())).toList());
    }

    /** {@code "position" ASC NULLS LAST, "id" ASC NULLS FIRST}. */
    public String sql() {
        return keys.stream().map(key -> key.field().sql() + " " + key.direction().sql())
                .collect(Collectors.joining(", "));
    }

    /** A canonical text of the order, which a cursor carries to prove it belongs to it. */
    public String signature() {
        return keys.stream().map(key -> key.field().columnName() + "[" + key.direction().name() + "]")
                .collect(Collectors.joining(","));
    }
}
