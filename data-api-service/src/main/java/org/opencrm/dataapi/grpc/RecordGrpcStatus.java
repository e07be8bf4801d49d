package org.opencrm.dataapi.grpc;

import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.protobuf.Any;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import org.opencrm.dataapi.model.MetadataUnavailableException;
import org.opencrm.dataapi.record.InvalidRecordRequestException;
import org.opencrm.dataapi.record.RecordConflictException;
import org.opencrm.dataapi.record.RecordNotFoundException;
import org.opencrm.dataapi.record.RecordStoreUnavailableException;
import org.opencrm.security.WorkspaceTokenRequiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a failure of the records API means to a gRPC client, decided at the boundary. */
final class RecordGrpcStatus {

    private static final Logger LOG = LoggerFactory.getLogger(RecordGrpcStatus.class);

    private RecordGrpcStatus() {
    }

    static StatusRuntimeException of(RuntimeException failure) {
        return switch (failure) {
            case InvalidRecordRequestException invalid -> invalidArgument(invalid);
            case RecordNotFoundException e -> Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
            case RecordConflictException e -> Status.ALREADY_EXISTS.withDescription(e.getMessage()).asRuntimeException();
            case MetadataUnavailableException e -> Status.UNAVAILABLE
                    .withDescription("The workspace's data model could not be loaded; retry later").asRuntimeException();
            case RecordStoreUnavailableException e -> Status.UNAVAILABLE.withDescription(e.getMessage())
                    .asRuntimeException();
            case WorkspaceTokenRequiredException e -> Status.PERMISSION_DENIED
                    .withDescription("Records need a workspace-scoped token").asRuntimeException();
            default -> {
                LOG.error("Unexpected failure of a gRPC record call", failure);
                yield Status.INTERNAL.withDescription("The call failed on the server; it has been logged")
                        .asRuntimeException();
            }
        };
    }

    /** The violations also travel as {@code google.rpc.BadRequest} field violations, for clients that read them. */
    private static StatusRuntimeException invalidArgument(InvalidRecordRequestException invalid) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        invalid.violations().forEach(violation -> badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                .setField(violation.field())
                .setDescription(violation.message())
                .setReason(violation.rule())));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(invalid.getMessage())
                .addDetails(Any.pack(badRequest.build()))
                .build());
    }
}
