package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RecordStructsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void roundTripsARecordKeepingIntegralNumbersIntegral() {
        ObjectNode record = (ObjectNode) JSON.readTree("""
                {"id": "a", "position": 1.5, "deletedAt": null, "vip": true,
                 "amount": {"amountMicros": 1500000000, "currencyCode": "EUR"},
                 "emails": {"additionalEmails": ["x@y.z"]}}""");

        Struct struct = RecordStructs.toStruct(record);
        ObjectNode back = RecordStructs.toJson(struct);

        assertThat(struct.getFieldsOrThrow("amount").getStructValue().getFieldsOrThrow("amountMicros").getNumberValue())
                .isEqualTo(1.5e9);
        assertThat(back.toString()).isEqualTo(record.toString());
        assertThat(back.at("/amount/amountMicros").isIntegralNumber()).isTrue();
    }
}
