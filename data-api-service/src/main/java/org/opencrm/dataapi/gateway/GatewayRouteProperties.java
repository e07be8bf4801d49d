package org.opencrm.dataapi.gateway;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway sends the calls that other services answer.
 *
 * @param authUrl     auth-service, target of {@code /auth/**}
 * @param metadataUrl metadata-service, target of {@code /rest/metadata/**}
 * @param webhookUrl  webhook-service, target of {@code /rest/webhooks/**}
 */
@ConfigurationProperties("crm.dataapi.routes")
public record GatewayRouteProperties(
        @DefaultValue("http://localhost:8081") URI authUrl,
        @DefaultValue("http://localhost:8082") URI metadataUrl,
        @DefaultValue("http://localhost:8084") URI webhookUrl) {
}
