package org.opencrm.dataapi.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The routed paths skip this service's authentication entirely, bearer token filter included: the services behind
 * them check tokens themselves, and some of their calls carry no token or one this service would refuse (a login
 * with an expired access token in the header).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain gatewayPassThroughChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(GatewayRoutes.ROUTED_PATHS)
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
