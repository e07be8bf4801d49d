package org.opencrm.embedded;

import org.opencrm.embedded.auth.FakeAuthServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a service under test at the shared test infrastructure, from its {@code @DynamicPropertySource}. */
public final class InfrastructureProperties {

    private InfrastructureProperties() {
    }

    /**
     * The service's own database and the shared Kafka broker.
     *
     * @param databaseUrl from {@link TestInfrastructure#newDatabase()}, taken once per test class (a static field):
     *                    Spring may call the property source more than once
     */
    public static void register(DynamicPropertyRegistry registry, String databaseUrl) {
        registry.add("spring.datasource.url", () -> databaseUrl);
        registry.add("spring.datasource.username", () -> TestInfrastructure.postgres().username());
        registry.add("spring.datasource.password", () -> TestInfrastructure.postgres().password());
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.kafka().bootstrapServers());
    }

    /** As {@link #register(DynamicPropertyRegistry, String)}, with tokens verified against a fake auth-service. */
    public static void register(DynamicPropertyRegistry registry, String databaseUrl, FakeAuthServer auth) {
        register(registry, databaseUrl);
        registry.add("crm.security.auth-base-url", auth::baseUrl);
        registry.add("crm.security.jwks-uri", auth::jwksUri);
    }
}
