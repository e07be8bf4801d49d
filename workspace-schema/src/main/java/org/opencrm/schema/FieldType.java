package org.opencrm.schema;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The type of a field, one record per Twenty field type, carrying the type's settings.
 *
 * <p>Every mapping over field types is an exhaustive {@code switch} without a default branch, so a new
 * type is a compile error wherever it must be handled.
 */
public sealed interface FieldType {

    /** Twenty's name of the type, as the metadata API reads and writes it ({@code "FULL_NAME"}). */
    default String typeName() {
        return switch (this) {
            case Uuid t -> "UUID";
            case Text t -> "TEXT";
            case Number t -> "NUMBER";
            case Numeric t -> "NUMERIC";
            case Boolean t -> "BOOLEAN";
            case Date t -> "DATE";
            case DateTime t -> "DATE_TIME";
            case Select t -> "SELECT";
            case MultiSelect t -> "MULTI_SELECT";
            case Rating t -> "RATING";
            case RawJson t -> "RAW_JSON";
            case Array t -> "ARRAY";
            case Position t -> "POSITION";
            case RichText t -> "RICH_TEXT";
            case RichTextV2 t -> "RICH_TEXT_V2";
            case FullName t -> "FULL_NAME";
            case Emails t -> "EMAILS";
            case Phones t -> "PHONES";
            case Links t -> "LINKS";
            case Address t -> "ADDRESS";
            case Currency t -> "CURRENCY";
            case Actor t -> "ACTOR";
            case TsVector t -> "TS_VECTOR";
            case Relation t -> "RELATION";
            case MorphRelation t -> "MORPH_RELATION";
        };
    }

    record Uuid() implements FieldType {}

    record Text() implements FieldType {}

    /** A double precision number. */
    record Number() implements FieldType {}

    /** An exact decimal number. */
    record Numeric() implements FieldType {}

    record Boolean() implements FieldType {}

    record Date() implements FieldType {}

    record DateTime() implements FieldType {}

    /** One value out of {@code options}; stored as a PostgreSQL enum. */
    record Select(List<SelectOption> options) implements FieldType {
        public Select {
            options = List.copyOf(options);
            SelectOptions.requireValid(options);
        }
    }

    /** Any number of values out of {@code options}; stored as an array of a PostgreSQL enum. */
    record MultiSelect(List<SelectOption> options) implements FieldType {
        public MultiSelect {
            options = List.copyOf(options);
            SelectOptions.requireValid(options);
        }
    }

    /** One to five stars, stored as the enum RATING_1..RATING_5 as Twenty does. */
    record Rating() implements FieldType {
        private static final List<SelectOption> OPTIONS = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new SelectOption("RATING_" + i, String.valueOf(i), null, i - 1))
                .toList();

        public List<SelectOption> options() {
            return OPTIONS;
        }
    }

    record RawJson() implements FieldType {}

    /** A list of texts ({@code text[]}). */
    record Array() implements FieldType {}

    /** The manual ordering of records in a view. */
    record Position() implements FieldType {}

    record RichText() implements FieldType {}

    /** Rich text kept both as BlockNote JSON and as markdown. */
    record RichTextV2() implements FieldType {}

    record FullName() implements FieldType {}

    record Emails() implements FieldType {}

    record Phones() implements FieldType {}

    record Links() implements FieldType {}

    record Address() implements FieldType {}

    record Currency() implements FieldType {}

    /** Who or what created or changed a record. */
    record Actor() implements FieldType {}

    /** A stored generated full-text vector over {@code sources} (physical columns, each with how it is indexed). */
    record TsVector(List<SearchSource> sources) implements FieldType {
        public TsVector {
            sources = List.copyOf(sources);
        }

        /** A vector over plain text columns. */
        public static TsVector ofTextColumns(List<String> columns) {
            return new TsVector(columns.stream().map(SearchSource::text).toList());
        }

        /** The names of the columns it covers, in order. */
        public List<String> sourceColumns() {
            return sources.stream().map(SearchSource::column).toList();
        }
    }

    /**
     * A relation to another object. The MANY_TO_ONE side holds the {@code <field>Id} foreign key; the
     * ONE_TO_MANY side is its inverse and has no column.
     *
     * @param targetObject the target object's nameSingular
     * @param inverseField the name of the field on the target object that is the other side
     * @param onDelete what deleting the target does to this side's rows (meaningful on MANY_TO_ONE)
     */
    record Relation(RelationType relationType, String targetObject, String inverseField, OnDelete onDelete)
            implements FieldType {
        public Relation {
            Objects.requireNonNull(relationType, "relationType");
            Objects.requireNonNull(targetObject, "targetObject");
            Objects.requireNonNull(inverseField, "inverseField");
            Objects.requireNonNull(onDelete, "onDelete");
        }

        public static Relation manyToOne(String targetObject, String inverseField, OnDelete onDelete) {
            return new Relation(RelationType.MANY_TO_ONE, targetObject, inverseField, onDelete);
        }

        public static Relation oneToMany(String targetObject, String inverseField) {
            return new Relation(RelationType.ONE_TO_MANY, targetObject, inverseField, OnDelete.SET_NULL);
        }
    }

    /**
     * A many-to-one relation whose target is one of several objects: one {@code <field><Target>Id} column
     * per target (e.g. {@code targetPersonId}), at most one of them set.
     *
     * @param targetObjects the targets' nameSingular
     */
    record MorphRelation(List<String> targetObjects, OnDelete onDelete) implements FieldType {
        public MorphRelation {
            targetObjects = List.copyOf(targetObjects);
            Objects.requireNonNull(onDelete, "onDelete");
            if (targetObjects.isEmpty()) {
                throw new IllegalArgumentException("a morph relation needs at least one target object");
            }
        }
    }
}
