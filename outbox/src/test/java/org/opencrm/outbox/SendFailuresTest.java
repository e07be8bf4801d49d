package org.opencrm.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;

class SendFailuresTest {

    @Test
    void treatsWhatIsWrongWithTheRecordItselfAsPermanent() {
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new RecordTooLargeException("too large")))).isTrue();
        assertThat(SendFailures.isPermanent(new SerializationException("cannot serialize"))).isTrue();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new InvalidTopicException("bad topic")))).isTrue();
    }

    @Test
    void retriesWhatAnotherTryMayCure() {
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new TimeoutException("expired")))).isFalse();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new NotEnoughReplicasException("one replica")))).isFalse();
        assertThat(SendFailures.isPermanent(new java.util.concurrent.TimeoutException())).isFalse();
    }

    @Test
    void retriesFaultsOfTheProducerOrClusterRatherThanTheRecord() {
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new TopicAuthorizationException("denied")))).isFalse();
        assertThat(SendFailures.isPermanent(asTheTemplateReportsIt(new KafkaException("producer closed")))).isFalse();
        assertThat(SendFailures.isPermanent(new IllegalStateException("not Kafka at all"))).isFalse();
    }

    private static Throwable asTheTemplateReportsIt(Exception kafkaFailure) {
        return new CompletionException(new KafkaProducerException(new ProducerRecord<>("t", "k"), "Failed to send", kafkaFailure));
    }
}
