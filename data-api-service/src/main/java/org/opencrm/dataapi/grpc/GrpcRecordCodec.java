package org.opencrm.dataapi.grpc;

import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;

import org.opencrm.dataapi.record.InvalidRecordRequestException;
import org.opencrm.dataapi.record.RecordStructs;
import org.opencrm.dataapi.record.StoredRecord;
import org.opencrm.dataapi.record.Violation;
import org.opencrm.proto.records.v1.Record;
import org.opencrm.proto.records.v1.RecordEncoding;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Records in and out of gRPC messages, in the two encodings of {@code crm.records.v1.Record}: a {@link Struct}, or
 * the record's REST JSON in bytes, written and read by the same {@link JsonMapper} as the REST API (with its limits
 * on untrusted input).
 */
final class GrpcRecordCodec {

    private final JsonMapper json;

    GrpcRecordCodec(JsonMapper json) {
        this.json = json;
    }

    Record record(StoredRecord stored, RecordEncoding encoding) {
        Record.Builder record = Record.newBuilder()
                .setId(stored.id())
                .setObject(stored.object().namePlural());
        return switch (encoding) {
            case RECORD_ENCODING_STRUCT -> record.setFields(RecordStructs.toStruct(stored.record())).build();
            case RECORD_ENCODING_JSON -> record.setJson(ByteString.copyFrom(json.writeValueAsBytes(stored.record())))
                    .build();
            case UNRECOGNIZED -> throw unknownEncoding();
        };
    }

    /** Checked before any work, so a call with an unknown encoding changes nothing. */
    static RecordEncoding encoding(RecordEncoding encoding) {
        if (encoding == RecordEncoding.UNRECOGNIZED) {
            throw unknownEncoding();
        }
        return encoding;
    }

    /** A request body given as a Struct ({@code data}) or as JSON bytes ({@code json}), not both. */
    JsonNode body(boolean hasData, Struct data, ByteString jsonBody) {
        if (jsonBody.isEmpty()) {
            return RecordStructs.toJson(data);
        }
        if (hasData) {
            throw invalid("json", "one-of", "Give the record as data or as json, not both");
        }
        return object(jsonBody, "json");
    }

    /** The records of a CreateMany, given as Structs ({@code records}) or as JSON bytes ({@code json_records}). */
    ArrayNode bodies(List<Struct> structs, List<ByteString> jsonBodies) {
        if (!structs.isEmpty() && !jsonBodies.isEmpty()) {
            throw invalid("json_records", "one-of", "Give the records as records or as json_records, not both");
        }
        ArrayNode bodies = JsonNodeFactory.instance.arrayNode();
        structs.forEach(struct -> bodies.add(RecordStructs.toJson(struct)));
        for (int i = 0; i < jsonBodies.size(); i++) {
            bodies.add(object(jsonBodies.get(i), "json_records[" + i + "]"));
        }
        return bodies;
    }

    /** The JSON object of one record; {@code field} names it in the error. */
    private JsonNode object(ByteString bytes, String field) {
        JsonNode node;
        try {
            node = json.readTree(bytes.newInput());
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw invalid(field, "json", at == null ? "Not valid JSON"
                    : "Not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        if (node == null || !node.isObject()) {
            throw invalid(field, "json", "Expected a JSON object");
        }
        return node;
    }

    private static InvalidRecordRequestException unknownEncoding() {
        return invalid("encoding", "option", "Unknown encoding; expected STRUCT or JSON");
    }

    private static InvalidRecordRequestException invalid(String field, String rule, String message) {
        return new InvalidRecordRequestException(List.of(new Violation(field, rule, message)));
    }
}
