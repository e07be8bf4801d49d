package org.opencrm.security;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opencrm.proto.Topics;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Verifies the platform's JWTs in a servlet service: import it. Requests to {@code /actuator/**} and
 * {@code crm.security.public-paths} pass, whatever token they carry; every other one needs an access token or an
 * unrevoked API key, and the handler finds the caller with {@link CrmPrincipal#current()}. It also bounds what a
 * request may send: bodies up to {@code crm.security.max-request-bytes}, JSON nested at most 64 deep with strings of at
 * most a million characters.
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

    /** Nesting and string length the JSON parser accepts in request bodies (Jackson's defaults: 500 and 100 M). */
    static final int MAX_JSON_NESTING_DEPTH = 64;
    static final int MAX_JSON_STRING_LENGTH = 1_000_000;

    @Bean
    RevokedApiKeys revokedApiKeys(SecurityProperties properties, ObjectProvider<RevokedApiKeyLoader> loader) {
        return new RevokedApiKeys(loader.getIfAvailable(() -> new HttpRevokedApiKeyLoader(properties.authBaseUrl())),
                Clock.systemUTC(), properties.revocationReload());
    }

    /**
     * No observations of the filter chain, authentications or authorizations. With observations on, Spring Security
     * wraps every filter of every request in one (a dozen a request); the property
     * {@code management.observations.enable.spring.security=false} only makes them no-ops, and the wrapping still
     * showed in the GET-by-id profile. Requests keep their {@code http.server.requests} metrics.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RevokedApiKeysRefresh revokedApiKeysRefresh(RevokedApiKeys revokedApiKeys, SecurityProperties properties) {
        return new RevokedApiKeysRefresh(revokedApiKeys, properties.revocationRefresh());
    }

    /**
     * Refuses request bodies over {@code crm.security.max-request-bytes} before anything reads them, except on
     * {@code crm.security.streamed-body-paths}, whose handlers bound their bodies themselves.
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(SecurityProperties properties) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> streamed = properties.streamedBodyPaths().stream().<RequestMatcher>map(paths::matcher).toList();
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBytes(), streamed));
        // After character encoding and observation (so the 413 is measured), before security and everything else.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Boot's {@code JsonMapper.Builder}, but on a JSON factory with {@link StreamReadConstraints} for untrusted
     * bodies. It replaces Boot's rather than customizing it because Jackson 3 fixes the constraints in the factory
     * that {@code JsonMapper.builder()} creates, and a {@code JsonMapperBuilderCustomizer} cannot swap that factory;
     * the customizers are applied exactly as Boot's builder applies them.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_NESTING_DEPTH)
                        .maxStringLength(MAX_JSON_STRING_LENGTH)
                        .build())
                .build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    /**
     * Spring Security's firewall with its header-value rule (assigned characters, no control characters) checked
     * by a loop instead of its regular expression, which the data benchmark found costly on every request's
     * 900-character Authorization header. The other rules are the defaults.
     */
    @Bean
    WebSecurityCustomizer crmHttpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(JwtSecurityConfiguration::isAllowedHeaderValue);
        return web -> web.httpFirewall(firewall);
    }

    static boolean isAllowedHeaderValue(String value) {
        // A plain loop: the codePoints() stream it replaces was 4% of a GET by id's CPU.
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!Character.isDefined(c) || Character.isISOControl(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
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
        RequestMatcher publicPaths = publicPaths(properties);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    // Error dispatches carry the original request's answer; they must not be challenged again.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(publicPaths).permitAll();
                    customizers.orderedStream().forEach(customizer -> customizer.customize(requests));
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new PublicPathBearerTokenResolver(publicPaths))
                        .jwt(jwt -> jwt.decoder(crmJwtDecoder)
                                .jwtAuthenticationConverter(new CrmAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /** {@code /actuator/**} and {@code crm.security.public-paths}: one matcher for permitAll and the token resolver. */
    private static RequestMatcher publicPaths(SecurityProperties properties) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(Stream.concat(Stream.of("/actuator/**"), properties.publicPaths().stream())
                .<RequestMatcher>map(paths::matcher)
                .toList());
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
            // was assigned the partition comes from the first and the periodic loads, hence latest.
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
