package org.opencrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

    @Test
    void testsGetFreePortsEmbeddedInfrastructureAndNoDemo() {
        LocalStackSettings settings = LocalStackSettings.forTests(Map.of());

        assertThat(settings.gatewayPort()).isZero();
        assertThat(settings.grpcPort()).isZero();
        assertThat(settings.postgresUrl()).isEmpty();
        assertThat(settings.kafkaBootstrapServers()).isEmpty();
        assertThat(settings.seedDemo()).isFalse();
    }

    @Test
    void pointsAtExternalPostgresAndKafkaWhenTheyAreNamed() {
        LocalStackSettings settings = LocalStackSettings.forTests(Map.of(
                "postgres-url", "jdbc:postgresql://db.internal:5432/crm",
                "postgres-user", "crm",
                "postgres-password", "secret",
                "kafka-bootstrap-servers", "kafka-1:9092,kafka-2:9092"));

        assertThat(settings.postgresUrl()).contains("jdbc:postgresql://db.internal:5432/crm");
        assertThat(settings.postgresUser()).isEqualTo("crm");
        assertThat(settings.postgresPassword()).isEqualTo("secret");
        assertThat(settings.kafkaBootstrapServers()).contains("kafka-1:9092,kafka-2:9092");
    }

    @Test
    void rejectsAPortThatIsNotOneWithTheSettingsName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalStackSettings.forTests(Map.of("gateway-port", "80a")))
                .withMessageContaining("crm.local.gateway-port");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalStackSettings.forTests(Map.of("grpc-port", "70000")))
                .withMessageContaining("crm.local.grpc-port");
    }
}
