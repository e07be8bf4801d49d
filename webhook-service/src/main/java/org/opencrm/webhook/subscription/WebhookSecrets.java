package org.opencrm.webhook.subscription;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets generated for webhooks created without one. They take the Standard Webhooks form {@code whsec_<base64>},
 * so the partner can hand them to any Standard Webhooks library as they are.
 */
public final class WebhookSecrets {

    /** Marks a secret whose key bytes are the base64 after the prefix (Standard Webhooks' convention). */
    public static final String STANDARD_PREFIX = "whsec_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

    private WebhookSecrets() {
    }

    static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return STANDARD_PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
