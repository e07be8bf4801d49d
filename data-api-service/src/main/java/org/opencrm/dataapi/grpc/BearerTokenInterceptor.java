package org.opencrm.dataapi.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import org.opencrm.security.CrmPrincipal;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Authenticates every call by its {@code authorization: Bearer <token>} metadata with the same decoder, and so the
 * same rules (issuer, expiry, type, API key revocation), as the REST API. The caller travels in the call's
 * {@link Context}.
 */
class BearerTokenInterceptor implements ServerInterceptor {

    static final Context.Key<CrmPrincipal> PRINCIPAL = Context.key("crm-principal");
    static final Context.Key<String> AUTHORIZATION = Context.key("crm-authorization");

    private static final Metadata.Key<String> AUTHORIZATION_HEADER =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    /** Health checks and reflection ({@code grpc.health.v1...}) answer without a token, as the actuator does. */
    private static final String GRPC_INFRASTRUCTURE = "grpc.";

    private final JwtDecoder decoder;

    BearerTokenInterceptor(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (call.getMethodDescriptor().getServiceName().startsWith(GRPC_INFRASTRUCTURE)) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION_HEADER);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(call, "The call carries no 'authorization: Bearer <token>' metadata");
        }
        CrmPrincipal principal;
        try {
            principal = CrmPrincipal.of(decoder.decode(authorization.substring(BEARER.length()).strip()));
        } catch (JwtException e) {
            if (signingKeysUnavailable(e)) {
                // No token can be checked now: the client should retry, not discard its token.
                return close(call, Status.UNAVAILABLE.withDescription(
                        "The token could not be verified now: auth-service's signing keys are unavailable"));
            }
            return refuse(call, "The token was refused: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return refuse(call, "The token was refused: " + e.getMessage());
        }
        Context context = Context.current().withValues(PRINCIPAL, principal, AUTHORIZATION, authorization);
        return Contexts.interceptCall(context, call, headers, next);
    }

    /**
     * A token that is bad is a {@link BadJwtException}; the platform decoder reports keys it could not fetch as one
     * wrapping the decoder's plain {@link JwtException} (and an unwrapped decoder throws that plain exception).
     */
    private static boolean signingKeysUnavailable(JwtException e) {
        if (!(e instanceof BadJwtException)) {
            return true;
        }
        return e.getCause() instanceof JwtException cause && !(cause instanceof BadJwtException);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String description) {
        return close(call, Status.UNAUTHENTICATED.withDescription(description));
    }

    private static <Q, R> ServerCall.Listener<Q> close(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
