package org.opencrm.embedded.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FakeAuthServerTest {

    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        AUTH.close();
    }

    @Test
    void servesThePublicKeyThatVerifiesItsTokens() throws Exception {
        JWKSet keys = JWKSet.parse(get(AUTH.jwksUri()).body());
        SignedJWT token = SignedJWT.parse(AUTH.tokens().userToken(UUID.randomUUID()));

        RSAKey key = (RSAKey) keys.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void mintsTheClaimsOfTheContract() throws Exception {
        UUID user = UUID.randomUUID();
        UUID workspace = UUID.randomUUID();
        UUID apiKeyId = UUID.randomUUID();

        var agnostic = SignedJWT.parse(AUTH.tokens().userToken(user)).getJWTClaimsSet();
        var scoped = SignedJWT.parse(AUTH.tokens().workspaceToken(user, workspace)).getJWTClaimsSet();
        var apiKey = SignedJWT.parse(AUTH.tokens().apiKey(apiKeyId, workspace)).getJWTClaimsSet();

        assertThat(agnostic.getIssuer()).isEqualTo("opencrm");
        assertThat(agnostic.getSubject()).isEqualTo(user.toString());
        assertThat(agnostic.getStringClaim("type")).isEqualTo("ACCESS");
        assertThat(agnostic.getClaim("workspaceId")).isNull();
        assertThat(agnostic.getJWTID()).isNotBlank();
        assertThat(agnostic.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(1700));
        assertThat(scoped.getStringClaim("type")).isEqualTo("ACCESS");
        assertThat(scoped.getStringClaim("workspaceId")).isEqualTo(workspace.toString());
        assertThat(apiKey.getStringClaim("type")).isEqualTo("API_KEY");
        assertThat(apiKey.getSubject()).isEqualTo(workspace.toString());
        assertThat(apiKey.getStringClaim("workspaceId")).isEqualTo(workspace.toString());
        assertThat(apiKey.getJWTID()).isEqualTo(apiKeyId.toString());
    }

    @Test
    void listsTheApiKeysMarkedRevoked() throws Exception {
        UUID apiKeyId = UUID.randomUUID();
        assertThat(get(AUTH.baseUrl() + "/auth/api-keys/revoked").body()).doesNotContain(apiKeyId.toString());

        AUTH.revoke(apiKeyId);

        HttpResponse<String> revoked = get(AUTH.baseUrl() + "/auth/api-keys/revoked");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(revoked.body()).startsWith("{\"revokedApiKeyIds\":[").contains("\"" + apiKeyId + "\"");
    }

    @Test
    void servesExtraRoutesOnTheSamePort() throws Exception {
        AUTH.route("/rest/metadata", exchange -> FakeAuthServer.respondJson(exchange, 200, "{\"data\":{}}"));

        assertThat(get(AUTH.baseUrl() + "/rest/metadata/objects").body()).isEqualTo("{\"data\":{}}");
        assertThat(get(AUTH.jwksUri()).body()).contains("\"keys\"");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
