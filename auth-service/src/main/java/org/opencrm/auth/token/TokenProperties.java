package org.opencrm.auth.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of the tokens issued to users ({@code crm.auth.tokens.*}).
 *
 * @param accessTokenLifetime  how long an access token is accepted; default 30 minutes
 * @param refreshTokenLifetime how long a refresh token buys new pairs; default 60 days
 */
@ConfigurationProperties("crm.auth.tokens")
public record TokenProperties(
        @DefaultValue("30m") Duration accessTokenLifetime,
        @DefaultValue("60d") Duration refreshTokenLifetime) {
}
