package org.opencrm.schema;

/** The table of an object in its workspace schema. */
public final class ObjectTables {

    private static final String CUSTOM_PREFIX = "_";

    private ObjectTables() {}

    /** The object's nameSingular, prefixed with {@code _} when custom so it never meets a standard table. */
    public static String tableName(String nameSingular, boolean custom) {
        return custom ? CUSTOM_PREFIX + nameSingular : nameSingular;
    }
}
