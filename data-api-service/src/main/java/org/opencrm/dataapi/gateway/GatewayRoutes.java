package org.opencrm.dataapi.gateway;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The routes of the gateway: method, headers, body and status pass through unchanged. Router functions are
 * consulted before annotated controllers, so {@code /rest/metadata/**} never reaches the records API.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    /** The paths that other services answer; they check the caller's token themselves. */
    static final String[] ROUTED_PATHS = {"/auth/**", "/rest/metadata/**", "/rest/webhooks/**"};

    @Bean
    RouterFunction<ServerResponse> routedServices(GatewayRouteProperties properties) {
        return forward("auth", "/auth/**", properties.authUrl())
                .and(forward("metadata", "/rest/metadata/**", properties.metadataUrl()))
                .and(forward("webhook", "/rest/webhooks/**", properties.webhookUrl()));
    }

    private static RouterFunction<ServerResponse> forward(String id, String pattern, URI target) {
        return route(id).route(path(pattern), http()).before(uri(target)).build();
    }
}
