package org.opencrm.auth.signing;

import java.util.Map;

import org.opencrm.auth.signing.SigningKeyConfiguration.SigningKey;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the public signing key, which every other service verifies tokens with. */
@RestController
class JwksController {

    private final SigningKey signingKey;

    JwksController(SigningKey signingKey) {
        this.signingKey = signingKey;
    }

    @GetMapping(path = "/auth/.well-known/jwks.json", produces = "application/json")
    Map<String, Object> jwks() {
        return signingKey.publicKeys().toJSONObject(true);
    }
}
