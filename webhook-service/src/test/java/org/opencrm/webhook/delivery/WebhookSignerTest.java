package org.opencrm.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsStandardWebhooksSpecExampleWithBase64Secret() {
        // The example of the Standard Webhooks reference libraries' signing test.
        String signature = WebhookSigner.standardSignature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsStandardWebhooksWithUtf8BytesOfAPlainSecret() {
        // openssl dgst -sha256 -hmac 'plain-utf8-secret-value' -binary <<< 'msg_1.1614265330.{"a":1}' | base64
        String signature = WebhookSigner.standardSignature("msg_1", 1614265330, "{\"a\":1}", "plain-utf8-secret-value");

        assertThat(signature).isEqualTo("v1,OKxynX+zDpMtMG9GpJJEgOcMYrcOMJxkZYEi7m2mGjE=");
    }

    @Test
    void signsTwentyStyleAsHexOfTimestampColonBody() {
        // openssl dgst -sha256 -hmac 'twenty-test-secret-0123456789' -hex <<< '1735689600000:{"eventName":"person.created"}'
        String signature = WebhookSigner.twentySignature(1735689600000L, "{\"eventName\":\"person.created\"}",
                "twenty-test-secret-0123456789");

        assertThat(signature).isEqualTo("5703085d29eb8fb8662337f9d4449cc97e5436ea7ef0e7f3f9bb37b6631f1c32");
    }

    @Test
    void putsBothSignaturesAndTheirTimestampsInTheHeaders() {
        Instant now = Instant.ofEpochMilli(1735689600123L);
        String body = "{\"eventName\":\"person.created\"}";

        Map<String, String> headers = WebhookSigner.headers("msg_abc", now, body, "twenty-test-secret-0123456789");

        assertThat(headers)
                .containsEntry("webhook-id", "msg_abc")
                .containsEntry("webhook-timestamp", "1735689600")
                .containsEntry("webhook-signature",
                        WebhookSigner.standardSignature("msg_abc", 1735689600, body, "twenty-test-secret-0123456789"))
                .containsEntry("X-Twenty-Webhook-Timestamp", "1735689600123")
                .containsEntry("X-Twenty-Webhook-Signature",
                        WebhookSigner.twentySignature(1735689600123L, body, "twenty-test-secret-0123456789"));
        assertThat(headers.get("X-Twenty-Webhook-Nonce")).matches("[0-9a-f]{32}");
    }

    @Test
    void drawsAFreshNonceForEveryAttempt() {
        Instant now = Instant.now();

        String first = WebhookSigner.headers("msg_abc", now, "{}", "twenty-test-secret-0123456789").get("X-Twenty-Webhook-Nonce");
        String second = WebhookSigner.headers("msg_abc", now, "{}", "twenty-test-secret-0123456789").get("X-Twenty-Webhook-Nonce");

        assertThat(first).isNotEqualTo(second);
    }
}
