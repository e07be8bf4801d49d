package org.opencrm.auth.signing;

import java.text.ParseException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the RSA key pair in {@code core."signingKey"}, so every replica and every restart signs with, and publishes,
 * the same key. The first instance to start generates it.
 */
@Component
class SigningKeyStore {

    // Serialises the first start of several replicas: only one of them may generate the key.
    private static final long GENERATION_LOCK = 0x6f70656e63726dL;

    private final JdbcClient jdbc;
    private final Clock clock;

    SigningKeyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    RSAKey currentOrGenerate() {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(GENERATION_LOCK).query(Integer.class).single();
        return newest().orElseGet(this::generate);
    }

    private Optional<RSAKey> newest() {
        return jdbc.sql("SELECT \"privateKey\" FROM core.\"signingKey\" ORDER BY \"createdAt\" DESC LIMIT 1")
                .query(String.class)
                .optional()
                .map(SigningKeyStore::parse);
    }

    private RSAKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            jdbc.sql("INSERT INTO core.\"signingKey\" (\"id\", \"privateKey\", \"publicKey\", \"createdAt\") "
                            + "VALUES (?, ?, ?, ?)")
                    .params(key.getKeyID(), key.toJSONString(), key.toPublicJWK().toJSONString(),
                            OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .update();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("core.\"signingKey\" holds a key that is not an RSA JWK", e);
        }
    }
}
