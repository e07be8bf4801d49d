package org.opencrm.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.opencrm.webhook.subscription.WebhookSecrets;

/**
 * Signs a delivery two ways, so partners can verify it with a Standard Webhooks library or with code written for
 * Twenty:
 * <ul>
 * <li>Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} (seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. The key is the secret's UTF-8 bytes;
 * a secret in the Standard Webhooks form {@code whsec_<base64>} (what this service generates) is used as that
 * form means it, the bytes the base64 decodes to.</li>
 * <li>Twenty: {@code X-Twenty-Webhook-Timestamp} (milliseconds), {@code X-Twenty-Webhook-Signature} = hex
 * HMAC-SHA256 of {@code "timestamp:body"} keyed with the secret's UTF-8 bytes as Twenty does (whatever its form),
 * and a random {@code X-Twenty-Webhook-Nonce}.</li>
 * </ul>
 */
final class WebhookSigner {

    static final String WEBHOOK_ID = "webhook-id";
    static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    static final String WEBHOOK_SIGNATURE = "webhook-signature";
    static final String TWENTY_TIMESTAMP = "X-Twenty-Webhook-Timestamp";
    static final String TWENTY_SIGNATURE = "X-Twenty-Webhook-Signature";
    static final String TWENTY_NONCE = "X-Twenty-Webhook-Nonce";

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    /** Every signature header for one attempt to send {@code body}, signed at {@code now}. */
    static Map<String, String> headers(String messageId, Instant now, String body, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WEBHOOK_ID, messageId);
        headers.put(WEBHOOK_TIMESTAMP, Long.toString(now.getEpochSecond()));
        headers.put(WEBHOOK_SIGNATURE, standardSignature(messageId, now.getEpochSecond(), body, secret));
        headers.put(TWENTY_TIMESTAMP, Long.toString(now.toEpochMilli()));
        headers.put(TWENTY_SIGNATURE, twentySignature(now.toEpochMilli(), body, secret));
        headers.put(TWENTY_NONCE, nonce());
        return headers;
    }

    static String standardSignature(String messageId, long timestampSeconds, String body, String secret) {
        byte[] mac = hmac(standardKey(secret), messageId + "." + timestampSeconds + "." + body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    static String twentySignature(long timestampMillis, String body, String secret) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestampMillis + ":" + body));
    }

    static byte[] standardKey(String secret) {
        if (secret.startsWith(WebhookSecrets.STANDARD_PREFIX)) {
            return Base64.getDecoder().decode(secret.substring(WebhookSecrets.STANDARD_PREFIX.length()));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every JDK provides HmacSHA256 with any non-empty key", e);
        }
    }
}
