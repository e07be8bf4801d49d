package org.opencrm.dataapi.grpc;

import org.opencrm.dataapi.record.RecordOperations;
import org.opencrm.dataapi.record.RecordSearches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import tools.jackson.databind.json.JsonMapper;

/** The gRPC records service and its authentication; Spring gRPC serves them on {@code spring.grpc.server.port}. */
@Configuration(proxyBeanMethods = false)
class RecordGrpcConfiguration {

    @Bean
    RecordGrpcService recordGrpcService(RecordOperations records, RecordSearches searches, JsonMapper json) {
        return new RecordGrpcService(records, searches, new GrpcRecordCodec(json));
    }

    @Bean
    @GlobalServerInterceptor
    BearerTokenInterceptor bearerTokenInterceptor(JwtDecoder decoder) {
        return new BearerTokenInterceptor(decoder);
    }
}
