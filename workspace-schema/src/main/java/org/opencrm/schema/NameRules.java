package org.opencrm.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules of objects and fields: names become table, column and enum type names, URL segments
 * and JSON properties, so they must be plain ASCII camelCase, fit PostgreSQL's 63 bytes and meet nothing
 * that already exists.
 */
public final class NameRules {

    private static final Pattern CAMEL_CASE = Pattern.compile("^[a-z][a-zA-Z0-9]*$");

    /** PostgreSQL's reserved key words and the statements' verbs: confusing as names even when quoted. */
    private static final Set<String> SQL_RESERVED_WORDS = Set.of(
            "all", "alter", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
            "authorization", "between", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "default", "deferrable", "delete", "desc",
            "distinct", "do", "drop", "else", "end", "except", "exists", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "index", "initially", "inner",
            "insert", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit",
            "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
            "order", "outer", "overlaps", "placing", "primary", "references", "returning", "revoke", "right",
            "schema", "select", "similar", "some", "symmetric", "table", "tablesample", "then", "to",
            "trailing", "true", "truncate", "union", "unique", "update", "user", "using", "values", "variadic",
            "verbose", "view", "when", "where", "window", "with");

    /**
     * Names an object may not take: the platform's own (core tables, REST route segments such as
     * {@code /rest/batch/...}) and Twenty's standard objects, including those not yet provisioned, so that
     * adding them later never meets a custom object.
     */
    private static final Set<String> RESERVED_OBJECT_NAMES = Set.of(
            "core", "metadata", "workspace", "workspaces", "object", "objects", "field", "fields", "relation",
            "relations", "record", "records", "event", "events", "webhook", "webhooks", "apiKey", "apiKeys",
            "users", "userWorkspace", "userWorkspaces", "dataSource", "dataSources", "batch", "restore",
            "duplicates", "merge", "groupBy", "graphql", "openApi", "auth",
            "person", "people", "company", "companies", "opportunity", "opportunities", "task", "tasks",
            "note", "notes", "taskTarget", "taskTargets", "noteTarget", "noteTargets", "timelineActivity",
            "timelineActivities", "workspaceMember", "workspaceMembers", "attachment", "attachments",
            "favorite", "favorites", "favoriteFolder", "favoriteFolders", "message", "messages",
            "calendarEvent", "calendarEvents", "workflow", "workflows", "views", "viewField", "viewFields",
            "viewFilter", "viewFilters", "viewSort", "viewSorts", "blocklist", "connectedAccount",
            "connectedAccounts");

    private NameRules() {}

    /**
     * The violations of a new custom object's names.
     *
     * @param existingObjects the workspace's objects, whose names the new one may not take
     */
    public static List<Violation> validateObjectNames(
            String nameSingular, String namePlural, Collection<ObjectDefinition> existingObjects) {
        Set<String> taken = new HashSet<>();
        for (ObjectDefinition existing : existingObjects) {
            taken.add(existing.nameSingular());
            taken.add(existing.namePlural());
        }
        List<Violation> violations = new ArrayList<>();
        violations.addAll(objectName("nameSingular", nameSingular,
                name -> SqlIdentifiers.byteLength(ObjectTables.tableName(name, true)), taken));
        violations.addAll(objectName("namePlural", namePlural, SqlIdentifiers::byteLength, taken));
        if (nameSingular != null && nameSingular.equals(namePlural)) {
            violations.add(new Violation("namePlural", "plural-equals-singular",
                    "namePlural must differ from nameSingular"));
        }
        return violations;
    }

    /**
     * The violations of a new field's name on {@code object}: its own rules and those of the columns it
     * would get.
     *
     * @param object the object as it is, without the new field
     */
    public static List<Violation> validateField(ObjectDefinition object, FieldDefinition field) {
        String name = field.name();
        List<Violation> violations = new ArrayList<>(camelCase("name", name));
        if (!violations.isEmpty()) {
            return violations;
        }
        if (SystemFields.isSystemField(name)) {
            violations.add(new Violation("name", "reserved-name", "'" + name + "' is a system field name"));
            return violations;
        }
        if (object.field(name).isPresent()) {
            violations.add(new Violation("name", "duplicate",
                    "object " + object.nameSingular() + " already has a field named '" + name + "'"));
            return violations;
        }
        String table = object.tableName();
        Set<String> existingColumns = new HashSet<>();
        for (FieldDefinition existing : object.allFields()) {
            existingColumns.addAll(FieldColumns.columnNames(table, existing));
        }
        List<String> identifiers = new ArrayList<>(List.of(name));
        for (FieldColumn column : FieldColumns.of(table, field)) {
            String columnName = column.columnName();
            identifiers.add(columnName);
            if (column.column().getEnumTypeName().length() > 0) {
                identifiers.add(column.column().getEnumTypeName());
            }
            if (existingColumns.contains(columnName)) {
                violations.add(new Violation("name", "column-collision", "field '" + name + "' needs column '"
                        + columnName + "', which another field of " + object.nameSingular() + " already uses"));
            }
        }
        identifiers.stream()
                .filter(identifier -> SqlIdentifiers.byteLength(identifier) > SqlIdentifiers.MAX_IDENTIFIER_BYTES)
                .findFirst()
                .ifPresent(identifier -> violations.add(new Violation("name", "too-long", "field '" + name
                        + "' needs the name '" + identifier + "', over PostgreSQL's "
                        + SqlIdentifiers.MAX_IDENTIFIER_BYTES + " bytes")));
        return violations;
    }

    /**
     * Whether the name, in any case, is one of PostgreSQL's reserved key words or a statement's verb: the metadata
     * API refuses such names for objects and fields alike.
     */
    public static boolean isReservedWord(String name) {
        return name != null && SQL_RESERVED_WORDS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static List<Violation> objectName(
            String property, String name, java.util.function.ToIntFunction<String> tableBytes, Set<String> taken) {
        List<Violation> violations = new ArrayList<>(camelCase(property, name));
        if (!violations.isEmpty()) {
            return violations;
        }
        if (tableBytes.applyAsInt(name) > SqlIdentifiers.MAX_IDENTIFIER_BYTES) {
            violations.add(new Violation(property, "too-long", property + " '" + name
                    + "' makes a table name over PostgreSQL's " + SqlIdentifiers.MAX_IDENTIFIER_BYTES + " bytes"));
        }
        if (isReservedWord(name)) {
            violations.add(new Violation(property, "reserved-word", "'" + name + "' is an SQL reserved word"));
        } else if (RESERVED_OBJECT_NAMES.contains(name)) {
            violations.add(new Violation(property, "reserved-name", "'" + name + "' is reserved by the platform"));
        }
        if (taken.contains(name)) {
            violations.add(new Violation(property, "duplicate", "an object named '" + name + "' already exists"));
        }
        return violations;
    }

    private static List<Violation> camelCase(String property, String name) {
        if (name == null || name.isEmpty()) {
            return List.of(new Violation(property, "required", property + " is required"));
        }
        if (!CAMEL_CASE.matcher(name).matches()) {
            return List.of(new Violation(property, "camel-case",
                    property + " '" + name + "' must be ASCII camelCase: a lowercase letter, then letters and digits"));
        }
        return List.of();
    }
}
