package org.opencrm.embedded;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Kafka broker in this JVM, in KRaft mode (no ZooKeeper), from spring-kafka-test. */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int PARTITIONS = 4;

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** Starts a single broker on a free port. */
    public static EmbeddedKafka start() {
        return start(0);
    }

    /** Starts a single broker on the given port, or a free one for {@code 0}. */
    public static EmbeddedKafka start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        if (port != 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", Integer.toString(PARTITIONS),
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "4",
                "log.flush.interval.messages", Long.toString(Long.MAX_VALUE)));
        broker.afterPropertiesSet();
        EmbeddedKafka kafka = new EmbeddedKafka(broker);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        return kafka;
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public synchronized void close() {
        broker.destroy();
    }
}
