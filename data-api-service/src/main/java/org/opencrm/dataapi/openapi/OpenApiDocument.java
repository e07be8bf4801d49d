package org.opencrm.dataapi.openapi;

import java.util.List;
import java.util.Set;

import org.opencrm.dataapi.model.FieldModel;
import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.model.WorkspaceDataModel;
import org.opencrm.proto.metadata.v1.ColumnType;
import org.opencrm.schema.CompositeSubField;
import org.opencrm.schema.CompositeSubFields;
import org.opencrm.schema.FieldType;
import org.opencrm.schema.RelationType;
import org.opencrm.schema.SelectOption;
import org.opencrm.schema.SystemFields;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 document of one workspace's records API, as Twenty's {@code /rest/open-api/core}: for every object
 * the list, get, create, batch create, update and delete paths, and three schemas (what a create takes, what an
 * update takes, what a read answers) whose properties follow the fields' types, composite fields as objects, select
 * options as enums, nullable fields admitting null.
 */
final class OpenApiDocument {

    static final String OPENAPI_VERSION = "3.1.1";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SERVER_FIELDS = Set.of(SystemFields.CREATED_AT, SystemFields.UPDATED_AT,
            SystemFields.DELETED_AT, SystemFields.CREATED_BY, SystemFields.UPDATED_BY);
    private static final String PROBLEM = "application/problem+json";
    private static final String JSON = "application/json";

    private OpenApiDocument() {
    }

    static ObjectNode of(WorkspaceDataModel model) {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", OPENAPI_VERSION);
        document.putObject("info")
                .put("title", "OpenCRM records API")
                .put("description", "The records of workspace " + model.workspaceId() + ", in Twenty's REST shape. "
                        + "Generated from the workspace's data model: every object, standard or custom, with its fields.")
                .put("version", "v1");
        document.putArray("servers").addObject().put("url", "/rest").put("description", "This gateway");
        document.putArray("security").addObject().putArray("bearerAuth");
        ArrayNode tags = document.putArray("tags");
        ObjectNode paths = document.putObject("paths");
        ObjectNode components = document.putObject("components");
        components.putObject("securitySchemes").putObject("bearerAuth")
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "A workspace-scoped access token or an API key");
        ObjectNode schemas = components.putObject("schemas");
        sharedSchemas(schemas);
        components.set("parameters", parameters());
        components.set("responses", responses());
        for (ObjectModel object : model.objects()) {
            String name = capitalized(object.nameSingular());
            tags.addObject().put("name", object.namePlural())
                    .put("description", "Records of " + (object.custom() ? "custom" : "standard") + " object "
                            + object.nameSingular());
            schemas.set(name, objectSchema(object, Shape.CREATE));
            schemas.set(name + "ForUpdate", objectSchema(object, Shape.UPDATE));
            schemas.set(name + "ForResponse", objectSchema(object, Shape.RESPONSE));
            paths(paths, object, name);
        }
        importPaths(paths, model);
        return document;
    }

    /** What a schema describes: the body of a create, of an update, or a record as read. */
    private enum Shape {
        CREATE, UPDATE, RESPONSE
    }

    private static ObjectNode objectSchema(ObjectModel object, Shape shape) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.put("description", switch (shape) {
            case CREATE -> "A " + object.nameSingular() + " to create";
            case UPDATE -> "The fields of a " + object.nameSingular() + " to change; the others keep their values";
            case RESPONSE -> "A " + object.nameSingular() + " as the API shows it";
        });
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (FieldModel field : object.fields()) {
            boolean serverField = SERVER_FIELDS.contains(field.name());
            if (shape != Shape.RESPONSE && (serverField || (shape == Shape.UPDATE && field.name().equals(SystemFields.ID)))) {
                continue;
            }
            switch (field.type()) {
                case FieldType.TsVector t -> {
                    // An index, never a property of a record.
                }
                case FieldType.Relation relation when relation.relationType() == RelationType.ONE_TO_MANY -> {
                    // Reached from the other object; nested at depth 1 and 2.
                }
                case FieldType.Relation relation -> properties.set(field.columns().getFirst().columnName(),
                        nullable(uuid().put("description", "The id of the " + relation.targetObject() + " this "
                                + object.nameSingular() + " belongs to (" + field.name() + ")"), true));
                case FieldType.MorphRelation morph -> field.columns().forEach(column -> properties.set(
                        column.columnName(), nullable(uuid().put("description", "The id of the " + column.subField()
                                + " (" + field.name() + ")"), true)));
                default -> {
                    ObjectNode property = fieldSchema(field);
                    if (shape == Shape.RESPONSE && serverField) {
                        property.put("readOnly", true);
                    }
                    properties.set(field.name(), nullable(property, field.nullable()));
                    if (shape == Shape.CREATE && isRequired(field)) {
                        required.add(field.name());
                    }
                }
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    /** Required on create: a field that cannot be null and that no default fills. */
    private static boolean isRequired(FieldModel field) {
        return !field.nullable() && !CompositeSubFields.isComposite(field.type())
                && field.columns().stream().noneMatch(column -> column.column().hasDefaultValue());
    }

    private static ObjectNode fieldSchema(FieldModel field) {
        return switch (field.type()) {
            case FieldType.Uuid t -> uuid();
            case FieldType.Text t -> string();
            case FieldType.RichText t -> string();
            case FieldType.Number t -> NODES.objectNode().put("type", "number");
            case FieldType.Numeric t -> NODES.objectNode().put("type", "number");
            case FieldType.Position t -> NODES.objectNode().put("type", "number")
                    .put("description", "The record's place in manual orderings; new records go last");
            case FieldType.Boolean t -> NODES.objectNode().put("type", "boolean");
            case FieldType.Date t -> string().put("format", "date");
            case FieldType.DateTime t -> string().put("format", "date-time");
            case FieldType.Select select -> options(select.options());
            case FieldType.Rating rating -> options(rating.options());
            case FieldType.MultiSelect multi -> {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", options(multi.options()));
                yield array;
            }
            case FieldType.RawJson t -> NODES.objectNode().put("description", "Any JSON value");
            case FieldType.Array t -> {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", string());
                yield array;
            }
            case FieldType.FullName t -> composite(field);
            case FieldType.Emails t -> composite(field);
            case FieldType.Phones t -> composite(field);
            case FieldType.Links t -> composite(field);
            case FieldType.Address t -> composite(field);
            case FieldType.Currency t -> composite(field);
            case FieldType.RichTextV2 t -> composite(field);
            case FieldType.Actor t -> composite(field).put("readOnly", true);
            case FieldType.Relation t -> uuid();
            case FieldType.MorphRelation t -> uuid();
            case FieldType.TsVector t -> string();
        };
    }

    /** A composite field: an object of its parts, each typed by its column. */
    private static ObjectNode composite(FieldModel field) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        List<CompositeSubField> parts = CompositeSubFields.of(field.type());
        for (CompositeSubField part : parts) {
            ObjectNode property = switch (part.columnType()) {
                case COLUMN_TYPE_NUMERIC, COLUMN_TYPE_DOUBLE -> NODES.objectNode().put("type", "number");
                case COLUMN_TYPE_UUID -> uuid();
                case COLUMN_TYPE_BOOLEAN -> NODES.objectNode().put("type", "boolean");
                case COLUMN_TYPE_JSONB -> part.name().equals("context")
                        ? NODES.objectNode().put("type", "object")
                        : NODES.objectNode().put("type", "array");
                case COLUMN_TYPE_ENUM -> {
                    ObjectNode values = string();
                    ArrayNode allowed = values.putArray("enum");
                    part.enumValues().forEach(allowed::add);
                    yield values;
                }
                case COLUMN_TYPE_DATE -> string().put("format", "date");
                case COLUMN_TYPE_TIMESTAMPTZ -> string().put("format", "date-time");
                case COLUMN_TYPE_TEXT, COLUMN_TYPE_TSVECTOR, COLUMN_TYPE_UNSPECIFIED, UNRECOGNIZED -> string();
            };
            if (part.columnType() == ColumnType.COLUMN_TYPE_TEXT && part.name().toLowerCase().contains("email")) {
                property.put("format", "email");
            }
            properties.set(part.name(), nullable(property, part.defaultValue() == null));
        }
        return schema;
    }

    private static ObjectNode options(List<SelectOption> options) {
        ObjectNode schema = string();
        ArrayNode values = schema.putArray("enum");
        options.forEach(option -> values.add(option.value()));
        return schema;
    }

    /** JSON Schema 2020-12 (OpenAPI 3.1): null is one more type, and one more enum value. */
    private static ObjectNode nullable(ObjectNode schema, boolean nullable) {
        if (!nullable) {
            return schema;
        }
        if (schema.has("type") && schema.get("type").isString()) {
            String type = schema.get("type").asString();
            schema.putArray("type").add(type).add("null");
        }
        if (schema.has("enum")) {
            ((ArrayNode) schema.get("enum")).addNull();
        }
        return schema;
    }

    private static void paths(ObjectNode paths, ObjectModel object, String name) {
        String plural = object.namePlural();
        String singular = object.nameSingular();
        String capitalPlural = capitalized(plural);
        ObjectNode collection = paths.putObject("/" + plural);
        ObjectNode list = operation(collection, "get", "List " + plural, "findMany" + capitalPlural, plural);
        parameters(list, "filter", "orderBy", "limit", "depth", "startingAfter", "endingBefore");
        list.set("responses", responses("200", "A page of " + plural, listEnvelope(plural, name)));

        ObjectNode create = operation(collection, "post", "Create one " + singular, "createOne" + name, plural);
        parameters(create, "upsert", "depth");
        create.set("requestBody", body(ref(name)));
        create.set("responses", responses("201", "The created " + singular,
                envelope("create" + name, ref(name + "ForResponse"))));

        ObjectNode batch = operation(paths.putObject("/batch/" + plural), "post", "Create many " + plural,
                "createMany" + capitalPlural, plural);
        ObjectNode many = NODES.objectNode().put("type", "array").put("maxItems", 60);
        many.set("items", ref(name));
        batch.set("requestBody", body(many));
        ObjectNode created = NODES.objectNode().put("type", "array");
        created.set("items", ref(name + "ForResponse"));
        batch.set("responses", responses("201", "The created " + plural, envelope("create" + capitalPlural, created)));

        ObjectNode one = paths.putObject("/" + plural + "/{id}");
        one.putArray("parameters").add(ref("#/components/parameters/idPath"));
        ObjectNode get = operation(one, "get", "Find one " + singular, "findOne" + name, plural);
        parameters(get, "depth");
        get.set("responses", responses("200", "The " + singular, envelope(singular, ref(name + "ForResponse"))));

        ObjectNode update = operation(one, "patch", "Update one " + singular, "updateOne" + name, plural);
        parameters(update, "depth");
        update.set("requestBody", body(ref(name + "ForUpdate")));
        update.set("responses", responses("200", "The updated " + singular,
                envelope("update" + name, ref(name + "ForResponse"))));

        ObjectNode delete = operation(one, "delete", "Delete one " + singular, "deleteOne" + name, plural);
        parameters(delete, "softDelete");
        ObjectNode deletedId = NODES.objectNode().put("type", "object");
        deletedId.putObject("properties").set("id", uuid());
        delete.set("responses", responses("200", "The id of the deleted " + singular,
                envelope("delete" + name, deletedId)));
    }

    private static void importPaths(ObjectNode paths, WorkspaceDataModel model) {
        ObjectNode start = operation(paths.putObject("/imports/{objectNamePlural}"), "post",
                "Import records from CSV or NDJSON", "createImport", "imports");
        ObjectNode object = start.putArray("parameters").addObject()
                .put("name", "objectNamePlural").put("in", "path").put("required", true);
        ArrayNode plurals = object.putObject("schema").put("type", "string").putArray("enum");
        model.objects().forEach(o -> plurals.add(o.namePlural()));
        ObjectNode content = start.putObject("requestBody").put("required", true).putObject("content");
        content.putObject("text/csv").putObject("schema").put("type", "string")
                .put("description", "A header row of field names (name.firstName for a composite part, or Twenty's "
                        + "'First Name (name)'), then one row per record");
        content.putObject("application/x-ndjson").putObject("schema").put("type", "string")
                .put("description", "One JSON object per line, as a create takes it");
        start.set("responses", responses("202", "The import job, queued", ref("#/components/schemas/ImportJob")));

        ObjectNode get = operation(paths.putObject("/imports/{id}"), "get", "Progress of an import", "findOneImport",
                "imports");
        get.putArray("parameters").add(ref("#/components/parameters/idPath"));
        get.set("responses", responses("200", "The import job", ref("#/components/schemas/ImportJob")));
    }

    private static ObjectNode operation(ObjectNode path, String method, String summary, String operationId, String tag) {
        ObjectNode operation = path.putObject(method).put("summary", summary).put("operationId", operationId);
        operation.putArray("tags").add(tag);
        return operation;
    }

    private static void parameters(ObjectNode operation, String... names) {
        ArrayNode parameters = operation.putArray("parameters");
        for (String name : names) {
            parameters.add(ref("#/components/parameters/" + name));
        }
    }

    private static ObjectNode body(ObjectNode schema) {
        ObjectNode body = NODES.objectNode().put("required", true);
        body.putObject("content").putObject(JSON).set("schema", schema);
        return body;
    }

    private static ObjectNode responses(String status, String description, ObjectNode schema) {
        ObjectNode responses = NODES.objectNode();
        ObjectNode success = responses.putObject(status).put("description", description);
        success.putObject("content").putObject(JSON).set("schema", schema);
        responses.set("400", ref("#/components/responses/400"));
        responses.set("401", ref("#/components/responses/401"));
        responses.set("404", ref("#/components/responses/404"));
        return responses;
    }

    private static ObjectNode envelope(String key, ObjectNode value) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode data = schema.putObject("properties").putObject("data").put("type", "object");
        data.putObject("properties").set(key, value);
        return schema;
    }

    private static ObjectNode listEnvelope(String plural, String name) {
        ObjectNode records = NODES.objectNode().put("type", "array");
        records.set("items", ref(name + "ForResponse"));
        ObjectNode schema = envelope(plural, records);
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.set("pageInfo", ref("#/components/schemas/PageInfo"));
        properties.putObject("totalCount").put("type", "integer");
        return schema;
    }

    private static void sharedSchemas(ObjectNode schemas) {
        ObjectNode pageInfo = schemas.putObject("PageInfo").put("type", "object");
        ObjectNode page = pageInfo.putObject("properties");
        page.putObject("hasNextPage").put("type", "boolean");
        page.putObject("hasPreviousPage").put("type", "boolean");
        page.putObject("startCursor").putArray("type").add("string").add("null");
        page.putObject("endCursor").putArray("type").add("string").add("null");

        ObjectNode problem = schemas.putObject("Problem").put("type", "object")
                .put("description", "RFC 9457 problem details");
        ObjectNode problemProperties = problem.putObject("properties");
        problemProperties.putObject("type").put("type", "string").put("format", "uri");
        problemProperties.putObject("title").put("type", "string");
        problemProperties.putObject("status").put("type", "integer");
        problemProperties.putObject("detail").put("type", "string");
        ObjectNode errors = problemProperties.putObject("errors").put("type", "array");
        ObjectNode error = errors.putObject("items").put("type", "object");
        ObjectNode errorProperties = error.putObject("properties");
        errorProperties.putObject("field").put("type", "string");
        errorProperties.putObject("rule").put("type", "string");
        errorProperties.putObject("message").put("type", "string");

        ObjectNode job = schemas.putObject("ImportJob").put("type", "object");
        ObjectNode jobProperties = job.putObject("properties");
        jobProperties.set("id", uuid());
        jobProperties.putObject("object").put("type", "string");
        jobProperties.putObject("format").put("type", "string").putArray("enum").add("CSV").add("NDJSON");
        jobProperties.putObject("status").put("type", "string").putArray("enum")
                .add("QUEUED").add("RUNNING").add("COMPLETED").add("FAILED");
        jobProperties.putObject("rowsDone").put("type", "integer");
        jobProperties.putObject("rowsTotal").putArray("type").add("integer").add("null");
        jobProperties.putObject("rowsRejected").put("type", "integer");
        ObjectNode rejection = jobProperties.putObject("rejected").put("type", "array").putObject("items")
                .put("type", "object");
        ObjectNode rejectionProperties = rejection.putObject("properties");
        rejectionProperties.putObject("line").put("type", "integer");
        rejectionProperties.putObject("field").put("type", "string");
        rejectionProperties.putObject("reason").put("type", "string");
        jobProperties.putObject("error").putArray("type").add("string").add("null");
        for (String time : List.of("createdAt", "startedAt", "finishedAt")) {
            jobProperties.putObject(time).put("format", "date-time").putArray("type").add("string").add("null");
        }
    }

    private static ObjectNode parameters() {
        ObjectNode parameters = NODES.objectNode();
        parameter(parameters, "idPath", "id", "path", uuid(), "The record's id").put("required", true);
        parameter(parameters, "filter", "filter", "query", string(),
                "Records matching conditions: field[operator]:value, with and(...), or(...) and not(...) to combine "
                        + "them. Operators: eq, neq, in, containsAny, is (NULL or NOT_NULL), gt, gte, lt, lte, "
                        + "startsWith, like, ilike. Composite parts as name.firstName.")
                .put("example", "and(name.firstName[eq]:John,createdAt[gte]:2024-01-01)");
        parameter(parameters, "orderBy", "order_by", "query", string(),
                "Fields to sort by, each optionally with AscNullsFirst, AscNullsLast, DescNullsFirst or DescNullsLast")
                .put("example", "createdAt[DescNullsLast],name.lastName");
        ObjectNode limit = NODES.objectNode().put("type", "integer").put("minimum", 1).put("maximum", 200)
                .put("default", 60);
        parameter(parameters, "limit", "limit", "query", limit, "How many records a page holds");
        ObjectNode depth = NODES.objectNode().put("type", "integer").put("default", 0);
        depth.putArray("enum").add(0).add(1).add(2);
        parameter(parameters, "depth", "depth", "query", depth,
                "How deep related records are nested: 0 ids only, 1 the related records, 2 theirs too");
        parameter(parameters, "startingAfter", "starting_after", "query", string(),
                "The page after this cursor (a page's endCursor)");
        parameter(parameters, "endingBefore", "ending_before", "query", string(),
                "The page before this cursor (a page's startCursor)");
        parameter(parameters, "softDelete", "soft_delete", "query",
                NODES.objectNode().put("type", "boolean").put("default", false),
                "Set deletedAt instead of destroying the record, which can then be restored");
        parameter(parameters, "upsert", "upsert", "query",
                NODES.objectNode().put("type", "boolean").put("default", false),
                "Update the record with the same id or unique field instead of creating a duplicate");
        return parameters;
    }

    private static ObjectNode parameter(ObjectNode parameters, String key, String name, String in, ObjectNode schema,
            String description) {
        ObjectNode parameter = parameters.putObject(key).put("name", name).put("in", in).put("description", description);
        parameter.set("schema", schema);
        return parameter;
    }

    private static ObjectNode responses() {
        ObjectNode responses = NODES.objectNode();
        problemResponse(responses, "400", "The request breaks a rule; errors name each field at fault");
        problemResponse(responses, "401", "No valid token");
        problemResponse(responses, "404", "No such object or record in this workspace");
        return responses;
    }

    private static void problemResponse(ObjectNode responses, String status, String description) {
        responses.putObject(status).put("description", description)
                .putObject("content").putObject(PROBLEM).set("schema", ref("#/components/schemas/Problem"));
    }

    private static ObjectNode ref(String nameOrPointer) {
        String pointer = nameOrPointer.startsWith("#") ? nameOrPointer : "#/components/schemas/" + nameOrPointer;
        return NODES.objectNode().put("$ref", pointer);
    }

    private static ObjectNode uuid() {
        return string().put("format", "uuid");
    }

    private static ObjectNode string() {
        return NODES.objectNode().put("type", "string");
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
