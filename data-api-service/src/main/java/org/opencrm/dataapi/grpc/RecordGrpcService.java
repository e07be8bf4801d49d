package org.opencrm.dataapi.grpc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import com.google.protobuf.Struct;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import org.opencrm.dataapi.record.RecordCaller;
import org.opencrm.dataapi.record.RecordOperations;
import org.opencrm.dataapi.record.RecordSearches;
import org.opencrm.dataapi.record.RecordStructs;
import org.opencrm.dataapi.record.StoredRecord;
import org.opencrm.proto.records.v1.CreateRecordRequest;
import org.opencrm.proto.records.v1.CreateRecordsRequest;
import org.opencrm.proto.records.v1.ExportRequest;
import org.opencrm.proto.records.v1.GetRecordRequest;
import org.opencrm.proto.records.v1.ListRecordsRequest;
import org.opencrm.proto.records.v1.Record;
import org.opencrm.proto.records.v1.RecordEncoding;
import org.opencrm.proto.records.v1.RecordList;
import org.opencrm.proto.records.v1.RecordPage;
import org.opencrm.proto.records.v1.RecordRef;
import org.opencrm.proto.records.v1.RecordServiceGrpc;
import org.opencrm.proto.records.v1.SearchHit;
import org.opencrm.proto.records.v1.SearchRequest;
import org.opencrm.proto.records.v1.SearchResults;
import org.opencrm.proto.records.v1.UpdateRecordRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code crm.records.v1.RecordService}: the REST code path ({@link RecordOperations}), reached over gRPC, so both
 * protocols validate, write and publish alike. A record is its REST JSON, as a {@link Struct} (numbers are doubles,
 * composite fields nested objects) or as JSON bytes, as the request's encoding asks ({@link GrpcRecordCodec});
 * errors are the status codes of {@link RecordGrpcStatus}.
 */
class RecordGrpcService extends RecordServiceGrpc.RecordServiceImplBase {

    /** How many records Export reads at a time; it reads the next page only when the client can take more. */
    static final int EXPORT_PAGE = 200;

    private final RecordOperations records;
    private final RecordSearches searches;
    private final GrpcRecordCodec codec;

    RecordGrpcService(RecordOperations records, RecordSearches searches, GrpcRecordCodec codec) {
        this.records = records;
        this.searches = searches;
        this.codec = codec;
    }

    @Override
    public void get(GetRecordRequest request, StreamObserver<Record> responses) {
        respond(responses, () -> {
            RecordEncoding encoding = GrpcRecordCodec.encoding(request.getEncoding());
            return codec.record(records.get(caller(), request.getObject(), request.getId()), encoding);
        });
    }

    @Override
    public void list(ListRecordsRequest request, StreamObserver<RecordPage> responses) {
        respond(responses, () -> {
            RecordEncoding encoding = GrpcRecordCodec.encoding(request.getEncoding());
            RecordOperations.Page page = records.list(caller(), request.getObject(), request.getFilter(),
                    request.getOrderBy(), request.getLimit(), request.getStartingAfter(), request.getEndingBefore(),
                    request.getDepth());
            RecordPage.Builder answer = RecordPage.newBuilder()
                    .setHasNextPage(page.hasNextPage())
                    .setHasPreviousPage(page.hasPreviousPage())
                    .setTotalCount(page.totalCount());
            page.records().forEach(record -> answer.addRecords(codec.record(record, encoding)));
            if (page.startCursor() != null) {
                answer.setStartCursor(page.startCursor()).setEndCursor(page.endCursor());
            }
            return answer.build();
        });
    }

    @Override
    public void create(CreateRecordRequest request, StreamObserver<Record> responses) {
        respond(responses, () -> {
            RecordEncoding encoding = GrpcRecordCodec.encoding(request.getEncoding());
            JsonNode body = codec.body(request.hasData(), request.getData(), request.getJson());
            return codec.record(records.create(caller(), request.getObject(), body), encoding);
        });
    }

    @Override
    public void createMany(CreateRecordsRequest request, StreamObserver<RecordList> responses) {
        respond(responses, () -> {
            RecordEncoding encoding = GrpcRecordCodec.encoding(request.getEncoding());
            ArrayNode bodies = codec.bodies(request.getRecordsList(), request.getJsonRecordsList());
            List<StoredRecord> written = request.getUpsert()
                    ? records.upsertMany(caller(), request.getObject(), bodies).stream()
                            .map(RecordOperations.UpsertedRecord::record).toList()
                    : records.createMany(caller(), request.getObject(), bodies);
            RecordList.Builder answer = RecordList.newBuilder();
            written.forEach(record -> answer.addRecords(codec.record(record, encoding)));
            return answer.build();
        });
    }

    @Override
    public void update(UpdateRecordRequest request, StreamObserver<Record> responses) {
        respond(responses, () -> {
            RecordEncoding encoding = GrpcRecordCodec.encoding(request.getEncoding());
            JsonNode body = codec.body(request.hasData(), request.getData(), request.getJson());
            return codec.record(records.update(caller(), request.getObject(), request.getId(), body), encoding);
        });
    }

    @Override
    public void delete(RecordRef request, StreamObserver<Record> responses) {
        respond(responses, () -> {
            RecordEncoding encoding = GrpcRecordCodec.encoding(request.getEncoding());
            return codec.record(records.delete(caller(), request.getObject(), request.getId(), true), encoding);
        });
    }

    @Override
    public void restore(RecordRef request, StreamObserver<Record> responses) {
        respond(responses, () -> {
            RecordEncoding encoding = GrpcRecordCodec.encoding(request.getEncoding());
            return codec.record(records.restore(caller(), request.getObject(), request.getId()), encoding);
        });
    }

    @Override
    public void destroy(RecordRef request, StreamObserver<RecordRef> responses) {
        respond(responses, () -> {
            StoredRecord destroyed = records.delete(caller(), request.getObject(), request.getId(), false);
            return RecordRef.newBuilder().setObject(destroyed.object().namePlural()).setId(destroyed.id()).build();
        });
    }

    /** Each hit's record is its id, object and label (as REST's search answers), with its rank. */
    @Override
    public void search(SearchRequest request, StreamObserver<SearchResults> responses) {
        respond(responses, () -> {
            ArrayNode hits = searches.search(caller(), request.getQuery(), request.getObjectsList(),
                    request.getLimit() == 0 ? null : request.getLimit());
            SearchResults.Builder answer = SearchResults.newBuilder();
            for (JsonNode hit : hits) {
                ObjectNode fields = JsonNodeFactory.instance.objectNode()
                        .put("id", hit.path("recordId").asString())
                        .put("label", hit.path("label").asString());
                answer.addHits(SearchHit.newBuilder()
                        .setRecord(Record.newBuilder()
                                .setId(hit.path("recordId").asString())
                                .setObject(hit.path("objectNameSingular").asString())
                                .setFields(RecordStructs.toStruct(fields)))
                        .setRank(hit.path("tsRankCD").asDouble()));
            }
            return answer.build();
        });
    }

    /**
     * Every live record matching the filter, in the order asked, read page by page through the list's cursors.
     * The next page is read only while the client is ready for more (gRPC flow control), so a slow client holds
     * at most one page in memory, and a cancelled call stops reading.
     */
    @Override
    public void export(ExportRequest request, StreamObserver<Record> responses) {
        RecordCaller caller;
        RecordEncoding encoding;
        try {
            caller = caller();
            encoding = GrpcRecordCodec.encoding(request.getEncoding());
        } catch (RuntimeException e) {
            responses.onError(RecordGrpcStatus.of(e));
            return;
        }
        ServerCallStreamObserver<Record> server = (ServerCallStreamObserver<Record>) responses;
        Export export = new Export(caller, request, encoding, server);
        server.setOnCancelHandler(export::cancel);
        server.setOnReadyHandler(export::drain);
        export.drain();
    }

    private final class Export {

        private final RecordCaller caller;
        private final ExportRequest request;
        private final RecordEncoding encoding;
        private final ServerCallStreamObserver<Record> server;
        private final Deque<StoredRecord> buffered = new ArrayDeque<>();
        private String cursor;
        private boolean more = true;
        private boolean done;

        Export(RecordCaller caller, ExportRequest request, RecordEncoding encoding,
                ServerCallStreamObserver<Record> server) {
            this.caller = caller;
            this.request = request;
            this.encoding = encoding;
            this.server = server;
        }

        synchronized void drain() {
            if (done) {
                return;
            }
            try {
                while (server.isReady()) {
                    if (buffered.isEmpty()) {
                        if (!more) {
                            done = true;
                            server.onCompleted();
                            return;
                        }
                        RecordOperations.Page page = records.pageWithoutTotal(caller, request.getObject(),
                                request.getFilter(), request.getOrderBy(), EXPORT_PAGE, cursor);
                        buffered.addAll(page.records());
                        more = page.hasNextPage();
                        cursor = page.endCursor();
                        continue;
                    }
                    server.onNext(codec.record(buffered.poll(), encoding));
                }
            } catch (RuntimeException e) {
                done = true;
                server.onError(RecordGrpcStatus.of(e));
            }
        }

        synchronized void cancel() {
            done = true;
            buffered.clear();
        }
    }

    private static RecordCaller caller() {
        return RecordCaller.of(BearerTokenInterceptor.PRINCIPAL.get(), BearerTokenInterceptor.AUTHORIZATION.get());
    }

    private static <T> void respond(StreamObserver<T> responses, Supplier<T> call) {
        T answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            responses.onError(RecordGrpcStatus.of(e));
            return;
        }
        responses.onNext(answer);
        responses.onCompleted();
    }
}
