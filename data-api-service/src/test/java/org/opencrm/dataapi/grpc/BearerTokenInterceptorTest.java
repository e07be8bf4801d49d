package org.opencrm.dataapi.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.proto.records.v1.GetRecordRequest;
import org.opencrm.proto.records.v1.Record;
import org.opencrm.proto.records.v1.RecordServiceGrpc;
import org.opencrm.security.CrmPrincipal;
import org.opencrm.security.TokenClaims;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class BearerTokenInterceptorTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID WORKSPACE = UUID.randomUUID();

    private final String serverName = "bearer-token-test-" + UUID.randomUUID();
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void passesThePrincipalOfAnAcceptedToken() {
        start(token -> jwt("ACCESS", USER.toString()));

        Record record = stub("Bearer good").get(GetRecordRequest.getDefaultInstance());

        assertThat(record.getId()).isEqualTo(USER + "@" + WORKSPACE);
    }

    @Test
    void answersUnavailableWhenTheSigningKeysCannotBeFetched() {
        // What a JWK-set decoder throws for an unreachable key set, bare and as the platform decoder wraps it.
        JwtException unreachable = new JwtException("Couldn't retrieve remote JWK set: Connection refused");
        start(token -> {
            throw token.equals("wrapped") ? new BadJwtException("signing keys are unavailable", unreachable)
                    : unreachable;
        });

        for (String token : List.of("bare", "wrapped")) {
            assertThatThrownBy(() -> stub("Bearer " + token).get(GetRecordRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }
    }

    @Test
    void answersUnauthenticatedForARefusedToken() {
        start(token -> switch (token) {
            case "forged" -> throw new BadJwtException("Signed JWT rejected: Invalid signature");
            case "expired" -> throw new JwtValidationException("expired",
                    List.of(new OAuth2Error("invalid_token", "Jwt expired", null)));
            default -> jwt("REFRESH", USER.toString());
        });

        for (String token : List.of("forged", "expired", "refresh")) {
            assertThatThrownBy(() -> stub("Bearer " + token).get(GetRecordRequest.getDefaultInstance()))
                    .as(token)
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
        assertThatThrownBy(() -> RecordServiceGrpc.newBlockingStub(channel).get(GetRecordRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    private void start(JwtDecoder decoder) {
        try {
            server = InProcessServerBuilder.forName(serverName).directExecutor()
                    .addService(ServerInterceptors.intercept(new PrincipalEcho(), new BearerTokenInterceptor(decoder)))
                    .build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        channel = InProcessChannelBuilder.forName(serverName).directExecutor().build();
    }

    private RecordServiceGrpc.RecordServiceBlockingStub stub(String authorization) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        return RecordServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static Jwt jwt(String type, String subject) {
        return Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject(subject)
                .claim(TokenClaims.TYPE, type)
                .claim(TokenClaims.WORKSPACE_ID, WORKSPACE.toString())
                .jti(UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
    }

    /** Answers with the caller the interceptor put in the call's context. */
    private static final class PrincipalEcho extends RecordServiceGrpc.RecordServiceImplBase {
        @Override
        public void get(GetRecordRequest request, StreamObserver<Record> responses) {
            CrmPrincipal principal = BearerTokenInterceptor.PRINCIPAL.get();
            responses.onNext(Record.newBuilder().setId(principal.userId() + "@" + principal.workspaceId()).build());
            responses.onCompleted();
        }
    }
}
