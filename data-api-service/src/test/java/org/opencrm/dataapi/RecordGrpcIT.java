package org.opencrm.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.MetadataUtils;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.auth.FakeAuthServer;
import org.opencrm.embedded.auth.TestTokens;
import org.opencrm.proto.records.v1.CreateRecordRequest;
import org.opencrm.proto.records.v1.CreateRecordsRequest;
import org.opencrm.proto.records.v1.ExportRequest;
import org.opencrm.proto.records.v1.GetRecordRequest;
import org.opencrm.proto.records.v1.ListRecordsRequest;
import org.opencrm.proto.records.v1.Record;
import org.opencrm.proto.records.v1.RecordEncoding;
import org.opencrm.proto.records.v1.RecordPage;
import org.opencrm.proto.records.v1.RecordRef;
import org.opencrm.proto.records.v1.RecordServiceGrpc;
import org.opencrm.proto.records.v1.SearchRequest;
import org.opencrm.proto.records.v1.UpdateRecordRequest;
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every RPC of {@code crm.records.v1.RecordService} against a real workspace schema, through the in-process server. */
@SpringBootTest(classes = DataApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + DataApiApplication.CONFIG_NAME)
class RecordGrpcIT {

    private static final String DATABASE = TestInfrastructure.newDatabase();
    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final TestTokens TOKENS = AUTH.tokens();
    private static final PlatformStub PLATFORM = PlatformStub.on(AUTH);
    private static final String SERVER = "data-api-grpc-it-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE, AUTH);
        registry.add("crm.dataapi.routes.auth-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.metadata-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.webhook-url", AUTH::baseUrl);
        registry.add("crm.dataapi.timeline.group-id", () -> "timeline-grpc-it-" + UUID.randomUUID());
        registry.add("spring.grpc.server.inprocess.name", () -> SERVER);
        registry.add("spring.grpc.server.port", () -> "0");
    }

    @Autowired
    JdbcTemplate jdbc;

    UUID workspace;
    ManagedChannel channel;
    RecordServiceGrpc.RecordServiceBlockingStub records;

    @AfterAll
    static void stop() {
        AUTH.close();
    }

    @BeforeEach
    void workspace() {
        workspace = UUID.randomUUID();
        WorkspaceSchemaFixture.create(jdbc, workspace);
        channel = InProcessChannelBuilder.forName(SERVER).build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TOKENS.workspaceToken(workspace));
        records = RecordServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    @Test
    void writesReadsAndRemovesRecordsAsRestDoes() {
        Record ada = records.create(CreateRecordRequest.newBuilder().setObject("people")
                .setData(person("Ada", "Lovelace")).build());
        assertThat(ada.getObject()).isEqualTo("people");

        Record updated = records.update(UpdateRecordRequest.newBuilder().setObject("people").setId(ada.getId())
                .setData(Struct.newBuilder().putFields("jobTitle", text("Countess"))).build());
        assertThat(updated.getFields().getFieldsOrThrow("jobTitle").getStringValue()).isEqualTo("Countess");

        RecordRef ref = RecordRef.newBuilder().setObject("people").setId(ada.getId()).build();
        Record deleted = records.delete(ref);
        assertThat(deleted.getFields().getFieldsOrThrow("deletedAt").hasStringValue()).isTrue();
        assertThatThrownBy(() -> records.get(GetRecordRequest.newBuilder().setObject("people")
                .setId(ada.getId()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        records.restore(ref);
        assertThat(records.get(GetRecordRequest.newBuilder().setObject("people").setId(ada.getId()).build())
                .getFields().getFieldsOrThrow("jobTitle").getStringValue()).isEqualTo("Countess");

        assertThat(records.destroy(ref).getId()).isEqualTo(ada.getId());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table(ada) + " WHERE id = ?::uuid", Long.class,
                ada.getId())).isZero();
    }

    @Test
    void createsManyAllOrNothingAndListsWithFilterOrderAndCursors() {
        var many = records.createMany(CreateRecordsRequest.newBuilder().setObject("people")
                .addRecords(person("Ada", "Lovelace")).addRecords(person("Grace", "Hopper"))
                .addRecords(person("Alan", "Turing")).build());
        assertThat(many.getRecordsCount()).isEqualTo(3);
        assertThatThrownBy(() -> records.createMany(CreateRecordsRequest.newBuilder().setObject("people")
                .addRecords(person("Good", "One"))
                .addRecords(Struct.newBuilder().putFields("emails", Value.newBuilder().setStructValue(
                        Struct.newBuilder().putFields("primaryEmail", text("not-an-email"))).build()).build())
                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));

        RecordPage first = records.list(ListRecordsRequest.newBuilder().setObject("people")
                .setFilter("name.firstName[neq]:\"Good\"").setOrderBy("name.firstName").setLimit(2).build());
        assertThat(firstNames(first.getRecordsList())).containsExactly("Ada", "Alan");
        assertThat(first.getHasNextPage()).isTrue();
        assertThat(first.getTotalCount()).isEqualTo(3);
        RecordPage second = records.list(ListRecordsRequest.newBuilder().setObject("people")
                .setFilter("name.firstName[neq]:\"Good\"").setOrderBy("name.firstName").setLimit(2)
                .setStartingAfter(first.getEndCursor()).build());
        assertThat(firstNames(second.getRecordsList())).containsExactly("Grace");
        assertThat(second.getHasNextPage()).isFalse();
        assertThat(second.getHasPreviousPage()).isTrue();

        assertThatThrownBy(() -> records.list(ListRecordsRequest.newBuilder().setObject("people")
                .setFilter("shoeSize[gt]:3").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void exportsEveryMatchingRecordAcrossPagesAndSearchRanksByName() {
        int count = 450;
        List<Struct> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add(person("P" + i, i % 2 == 0 ? "Even" : "Odd"));
        }
        for (int from = 0; from < count; from += 50) {
            records.createMany(CreateRecordsRequest.newBuilder().setObject("people")
                    .addAllRecords(people.subList(from, Math.min(count, from + 50))).build());
        }
        Iterator<Record> exported = records.export(ExportRequest.newBuilder().setObject("people")
                .setFilter("name.lastName[eq]:\"Even\"").setOrderBy("createdAt").build());
        List<Record> all = new ArrayList<>();
        exported.forEachRemaining(all::add);
        assertThat(all).hasSize(count / 2);
        assertThat(all).extracting(Record::getId).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(record -> assertThat(record.getFields().getFieldsOrThrow("name").getStructValue()
                .getFieldsOrThrow("lastName").getStringValue()).isEqualTo("Even"));

        var hits = records.search(SearchRequest.newBuilder().setQuery("P17 odd").setLimit(20).build());
        assertThat(hits.getHitsList()).extracting(hit -> hit.getRecord().getFields().getFieldsOrThrow("label")
                .getStringValue()).contains("P17 Odd").allMatch(label -> label.startsWith("P17") && label.endsWith("Odd"));
        assertThat(hits.getHitsList()).allSatisfy(hit -> assertThat(hit.getRecord().getObject()).isEqualTo("person"));
    }

    @Test
    void carriesRecordsAsJsonBytesWithEveryDigitOfTheirNumbers() throws Exception {
        String revenue = "{\"name\":\"Acme\",\"annualRecurringRevenue\":"
                + "{\"amountMicros\":9007199254740993,\"currencyCode\":\"EUR\"}}";
        Record acme = records.create(CreateRecordRequest.newBuilder().setObject("companies")
                .setJson(ByteString.copyFromUtf8(revenue)).setEncoding(RecordEncoding.RECORD_ENCODING_JSON).build());
        assertThat(acme.hasFields()).isFalse();
        JsonNode created = JSON.readTree(acme.getJson().toByteArray());
        assertThat(created.path("id").asString()).isEqualTo(acme.getId());
        assertThat(created.path("annualRecurringRevenue").path("amountMicros").bigIntegerValue())
                .isEqualTo(new BigInteger("9007199254740993"));

        Record updated = records.update(UpdateRecordRequest.newBuilder().setObject("companies").setId(acme.getId())
                .setJson(ByteString.copyFromUtf8("{\"employees\":42}"))
                .setEncoding(RecordEncoding.RECORD_ENCODING_JSON).build());
        assertThat(JSON.readTree(updated.getJson().toByteArray()).path("employees").asInt()).isEqualTo(42);

        records.createMany(CreateRecordsRequest.newBuilder().setObject("companies")
                .addJsonRecords(ByteString.copyFromUtf8("{\"name\":\"Beta\",\"employees\":42}"))
                .addJsonRecords(ByteString.copyFromUtf8("{\"name\":\"Gamma\",\"employees\":7}")).build());
        RecordPage page = records.list(ListRecordsRequest.newBuilder().setObject("companies")
                .setFilter("employees[eq]:42").setOrderBy("name").setEncoding(RecordEncoding.RECORD_ENCODING_JSON)
                .build());
        List<String> names = new ArrayList<>();
        for (Record record : page.getRecordsList()) {
            names.add(JSON.readTree(record.getJson().toByteArray()).path("name").asString());
        }
        assertThat(names).containsExactly("Acme", "Beta");

        // The default is still a Struct, where the same number is a double.
        Record asStruct = records.get(GetRecordRequest.newBuilder().setObject("companies").setId(acme.getId()).build());
        assertThat(asStruct.getJson().isEmpty()).isTrue();
        assertThat(asStruct.getFields().getFieldsOrThrow("name").getStringValue()).isEqualTo("Acme");
    }

    @Test
    void refusesBadJsonBodiesAndUnknownEncodingsWithoutWriting() {
        assertInvalid(() -> records.create(CreateRecordRequest.newBuilder().setObject("companies")
                .setJson(ByteString.copyFromUtf8("{\"name\": \"Acme\"")).build()), "json");
        assertInvalid(() -> records.create(CreateRecordRequest.newBuilder().setObject("companies")
                .setJson(ByteString.copyFromUtf8("[1, 2]")).build()), "json");
        assertInvalid(() -> records.create(CreateRecordRequest.newBuilder().setObject("companies")
                .setData(Struct.newBuilder().putFields("name", text("Acme")))
                .setJson(ByteString.copyFromUtf8("{\"name\":\"Acme\"}")).build()), "json");
        assertInvalid(() -> records.createMany(CreateRecordsRequest.newBuilder().setObject("companies")
                .addJsonRecords(ByteString.copyFromUtf8("{\"name\":\"Fine\"}"))
                .addJsonRecords(ByteString.copyFromUtf8("not json")).build()), "json_records[1]");
        assertInvalid(() -> records.create(CreateRecordRequest.newBuilder().setObject("companies")
                .setJson(ByteString.copyFromUtf8("{\"name\":\"Acme\"}")).setEncodingValue(7).build()), "encoding");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM \"" + WorkspaceSchemaName.of(workspace)
                + "\".\"company\"", Long.class)).isZero();
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith(field + ": ");
        });
    }

    private String table(Record record) {
        return "\"" + WorkspaceSchemaName.of(workspace) + "\".\"person\"";
    }

    private static List<String> firstNames(List<Record> people) {
        return people.stream().map(record -> record.getFields().getFieldsOrThrow("name").getStructValue()
                .getFieldsOrThrow("firstName").getStringValue()).toList();
    }

    private static Struct person(String firstName, String lastName) {
        return Struct.newBuilder().putFields("name", Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("firstName", text(firstName)).putFields("lastName", text(lastName))).build()).build();
    }

    private static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }
}
