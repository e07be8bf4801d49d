package org.opencrm.dataapi.grpc;

import java.util.function.Supplier;

import io.grpc.stub.StreamObserver;

import org.opencrm.dataapi.record.RecordCaller;
import org.opencrm.dataapi.record.RecordOperations;
import org.opencrm.dataapi.record.RecordStructs;
import org.opencrm.dataapi.record.StoredRecord;
import org.opencrm.proto.records.v1.CreateRecordRequest;
import org.opencrm.proto.records.v1.GetRecordRequest;
import org.opencrm.proto.records.v1.Record;
import org.opencrm.proto.records.v1.RecordServiceGrpc;

/** {@code crm.records.v1.RecordService}: the REST code path, reached over gRPC. */
class RecordGrpcService extends RecordServiceGrpc.RecordServiceImplBase {

    private final RecordOperations records;

    RecordGrpcService(RecordOperations records) {
        this.records = records;
    }

    @Override
    public void get(GetRecordRequest request, StreamObserver<Record> responses) {
        respond(responses, () -> records.get(caller(), request.getObject(), request.getId()));
    }

    @Override
    public void create(CreateRecordRequest request, StreamObserver<Record> responses) {
        respond(responses, () -> records.create(caller(), request.getObject(), RecordStructs.toJson(request.getData())));
    }

    private static RecordCaller caller() {
        return RecordCaller.of(BearerTokenInterceptor.PRINCIPAL.get(), BearerTokenInterceptor.AUTHORIZATION.get());
    }

    private static void respond(StreamObserver<Record> responses, Supplier<StoredRecord> call) {
        StoredRecord stored;
        try {
            stored = call.get();
        } catch (RuntimeException e) {
            responses.onError(RecordGrpcStatus.of(e));
            return;
        }
        responses.onNext(Record.newBuilder()
                .setId(stored.id())
                .setObject(stored.object().namePlural())
                .setFields(RecordStructs.toStruct(stored.record()))
                .build());
        responses.onCompleted();
    }
}
