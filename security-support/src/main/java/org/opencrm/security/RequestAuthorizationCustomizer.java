package org.opencrm.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Adds a service's own authorization rules to the default chain, between the public paths and the final "everything
 * else needs a token". Declare it as a bean; every one found is applied.
 */
@FunctionalInterface
public interface RequestAuthorizationCustomizer {

    void customize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
