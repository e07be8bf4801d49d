package org.opencrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.kafka.KafkaTestClient;

class EmbeddedInfrastructureIT {

    @Test
    void postgresServesQueriesAndHasTheUnaccentExtension() throws Exception {
        String url = TestInfrastructure.newDatabase();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            connection.createStatement().execute("CREATE EXTENSION unaccent");
            ResultSet rs = connection.createStatement().executeQuery("SELECT unaccent('Crème brûlée'), current_setting('server_version_num')::int");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("Creme brulee");
            assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(170000);
        }
    }

    @Test
    void eachNewDatabaseIsSeparate() throws Exception {
        String first = TestInfrastructure.newDatabase();
        String second = TestInfrastructure.newDatabase();
        try (Connection a = DriverManager.getConnection(first, "postgres", "");
             Connection b = DriverManager.getConnection(second, "postgres", "")) {
            a.createStatement().execute("CREATE TABLE only_in_first (id int)");
            ResultSet rs = b.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void kafkaCarriesAMessageFromProducerToConsumer() {
        String servers = TestInfrastructure.kafka().bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new StringSerializer(), new StringSerializer());
             var consumer = new KafkaConsumer<String, String>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                     ConsumerConfig.GROUP_ID_CONFIG, "embedded-infra-it",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>("embedded-infra-it", "key", "hello")).get();
            consumer.subscribe(List.of("embedded-infra-it"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(200));
            }
            assertThat(records.iterator().next().value()).isEqualTo("hello");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void kafkaTestClientAwaitsTheMatchingRecordOfATopicItReads() {
        String topic = "embedded-infra-client-" + UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.connect(topic)) {
            kafka.send(topic, "workspace", "first".getBytes(StandardCharsets.UTF_8));
            kafka.send(topic, "workspace", "second".getBytes(StandardCharsets.UTF_8));

            var second = kafka.awaitRecord(topic, bytes -> new String(bytes, StandardCharsets.UTF_8), "second"::equals);

            assertThat(second.key()).isEqualTo("workspace");
            // One key, one partition: the earlier record arrived first.
            assertThat(kafka.records(topic, bytes -> new String(bytes, StandardCharsets.UTF_8)))
                    .extracting(record -> record.value()).containsExactly("first", "second");
        }
    }
}
