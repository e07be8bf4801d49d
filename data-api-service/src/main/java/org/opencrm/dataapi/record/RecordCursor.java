package org.opencrm.dataapi.record;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.dataapi.query.OrderBy;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads the opaque cursors of list pages: base64url of {@code {"o": object id, "s": order, "v": [sort key
 * values as PostgreSQL's text]}}, a dot, and a truncated HMAC-SHA256 of it. A cursor the service did not sign, or
 * signed for another object or another order, is refused, so a cursor's values are never read from a client.
 */
final class RecordCursor {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int TAG_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    /** Initialised once; each tag is computed on a clone, which skips the provider lookup and the key setup. */
    private final Mac keyed;

    RecordCursor(byte[] secret) {
        try {
            this.keyed = Mac.getInstance(ALGORITHM);
            this.keyed.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    String encode(ObjectModel object, OrderBy order, List<String> values) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("o", object.id() == null ? "" : object.id().toString());
        payload.put("s", order.signature());
        ArrayNode array = payload.putArray("v");
        values.forEach(array::add);
        byte[] body = JSON.writeValueAsBytes(payload);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(tag(body));
    }

    /**
     * @param parameter the query parameter it came in, to name in the error
     * @return the sort key values of the row it points at, one per key of {@code order}
     * @throws InvalidRecordRequestException when it is not a cursor this service gave out for this object and order
     */
    List<String> decode(String cursor, String parameter, ObjectModel object, OrderBy order) {
        int dot = cursor.indexOf('.');
        try {
            if (dot > 0) {
                byte[] body = DECODER.decode(cursor.substring(0, dot));
                byte[] tag = DECODER.decode(cursor.substring(dot + 1));
                if (MessageDigest.isEqual(tag, tag(body))) {
                    return values(JSON.readTree(body), parameter, object, order);
                }
            }
        } catch (IllegalArgumentException | JacksonException e) {
            // falls through to the violation
        }
        throw InvalidRecordRequestException.of(parameter, "cursor", "'" + parameter + "' is not a cursor of this list");
    }

    private static List<String> values(JsonNode payload, String parameter, ObjectModel object, OrderBy order) {
        String objectId = object.id() == null ? "" : object.id().toString();
        if (!payload.path("o").asString("").equals(objectId) || !payload.path("s").asString("").equals(order.signature())) {
            throw InvalidRecordRequestException.of(parameter, "cursor", "'" + parameter
                    + "' is a cursor of another list (another object or order_by); start again without it");
        }
        List<String> values = new ArrayList<>();
        payload.path("v").forEach(value -> values.add(value.isNull() ? null : value.asString()));
        if (values.size() != order.keys().size()) {
            throw InvalidRecordRequestException.of(parameter, "cursor", "'" + parameter + "' is not a cursor of this list");
        }
        return values;
    }

    private byte[] tag(byte[] body) {
        try {
            Mac mac = (Mac) keyed.clone();
            return Arrays.copyOf(mac.doFinal(body), TAG_BYTES);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The JDK's HmacSHA256 can be cloned", e);
        }
    }
}
