package org.opencrm.security;

import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencrm.proto.auth.v1.ApiKeyRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.MessageListener;

/** Adds the key of every {@code ApiKeyRevoked} event to {@link RevokedApiKeys}. */
final class ApiKeyRevocationListener implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyRevocationListener.class);

    private final RevokedApiKeys revokedApiKeys;

    ApiKeyRevocationListener(RevokedApiKeys revokedApiKeys) {
        this.revokedApiKeys = revokedApiKeys;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        try {
            ApiKeyRevoked event = ApiKeyRevoked.parseFrom(record.value());
            revokedApiKeys.markRevoked(UUID.fromString(event.getApiKeyId()));
        } catch (InvalidProtocolBufferException | IllegalArgumentException | NullPointerException e) {
            // A malformed event cannot become valid by retrying; the periodic reload still covers its key.
            log.error("Skipping unreadable ApiKeyRevoked at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }
}
