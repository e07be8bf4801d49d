/**
 * The field-type system of the platform: Twenty's field types and their physical columns, the system and
 * standard objects, the schema operations that create workspaces, objects and fields, and the naming,
 * validation and quoting of workspace schemas, tables and columns.
 */
package org.opencrm.schema;
