package org.opencrm.security;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opencrm.proto.Topics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Verifies the platform's JWTs in a servlet service: import it. Requests to {@code /actuator/**} and
 * {@code crm.security.public-paths} pass; every other one needs an access token or an unrevoked API key, and the
 * handler finds the caller with {@link CrmPrincipal#current()}.
 *
 * <p>Extension points, all optional beans of the importing service:
 * <ul>
 *   <li>{@link RequestAuthorizationCustomizer}: further authorization rules in the default chain;</li>
 *   <li>a {@code JWKSource<SecurityContext>}: verify with keys in this process instead of fetching
 *       {@code crm.security.jwks-uri} (auth-service does);</li>
 *   <li>{@link RevokedApiKeyLoader}: read the revoked API keys somewhere else than auth-service's HTTP API.</li>
 * </ul>
 * The default chain is not conditional on a missing chain: in an imported configuration such a condition would
 * depend on the order beans get registered. It is ordered last, so a service can still put chains for narrower
 * paths in front of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class JwtSecurityConfiguration {

    @Bean
    RevokedApiKeys revokedApiKeys(SecurityProperties properties, ObjectProvider<RevokedApiKeyLoader> loader) {
        return new RevokedApiKeys(loader.getIfAvailable(() -> new HttpRevokedApiKeyLoader(properties.authBaseUrl())),
                Clock.systemUTC(), properties.revocationReload());
    }

    @Bean
    JwtDecoder crmJwtDecoder(SecurityProperties properties, RevokedApiKeys revokedApiKeys,
            ObjectProvider<JWKSource<SecurityContext>> localKeys) {
        CrmTokenValidator validator = new CrmTokenValidator(Clock.systemUTC(), properties.clockSkew(), revokedApiKeys);
        JWKSource<SecurityContext> keys = localKeys.getIfAvailable();
        return keys != null
                ? CrmJwtDecoders.fromJwkSource(keys, validator)
                : CrmJwtDecoders.fromJwkSetUri(properties.jwksUri(), validator);
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain crmSecurityFilterChain(HttpSecurity http, JwtDecoder crmJwtDecoder,
            SecurityProperties properties, ObjectProvider<RequestAuthorizationCustomizer> customizers) {
        ProblemResponses problems = new ProblemResponses();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    // Error dispatches carry the original request's answer; they must not be challenged again.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers("/actuator/**").permitAll();
                    if (!properties.publicPaths().isEmpty()) {
                        requests.requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
                    }
                    customizers.orderedStream().forEach(customizer -> customizer.customize(requests));
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(crmJwtDecoder)
                                .jwtAuthenticationConverter(new CrmAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /** Keeps {@link RevokedApiKeys} current from Kafka; off with {@code crm.security.revocation-events.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "crm.security.revocation-events", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class RevocationEventsConfiguration {

        @Bean
        KafkaMessageListenerContainer<String, byte[]> apiKeyRevocationListenerContainer(KafkaProperties kafka,
                Environment environment, RevokedApiKeys revokedApiKeys) {
            Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
            // Every instance must see every revocation, so each gets a group of its own; what happened before it
            // started comes from the start-up load, hence latest.
            consumer.put(ConsumerConfig.GROUP_ID_CONFIG,
                    environment.getProperty("spring.application.name", "service") + "-revocations-"
                            + UUID.randomUUID());
            consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            ContainerProperties container = new ContainerProperties(Topics.API_KEY_EVENTS);
            container.setMessageListener(new ApiKeyRevocationListener(revokedApiKeys));
            return new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(consumer), container);
        }
    }
}
