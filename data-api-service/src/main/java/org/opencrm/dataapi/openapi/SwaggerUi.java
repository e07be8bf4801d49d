package org.opencrm.dataapi.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Swagger UI at {@code /swagger-ui}: the swagger-ui webjar's files, and a page that asks for a token (an access token
 * or API key of a workspace) and shows that workspace's {@code /rest/open-api/core}, sending the token with every
 * call it makes. The page and the webjar's files are public; the document and the API they call are not.
 */
@RestController
class SwaggerUi {

    static final String PAGE = "/swagger-ui";
    private static final String WEBJAR = "/webjars/swagger-ui/";

    private final String page;

    SwaggerUi() {
        String base = WEBJAR + webjarVersion() + "/";
        this.page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>OpenCRM API</title>
                  <link rel="stylesheet" href="%1$sswagger-ui.css">
                  <style>#token-form{font-family:sans-serif;padding:1em}#token{width:40em}</style>
                </head>
                <body>
                  <form id="token-form">
                    <label>Workspace token or API key <input id="token" type="password" autocomplete="off"></label>
                    <button type="submit">Show the workspace's API</button>
                  </form>
                  <div id="swagger-ui"></div>
                  <script src="%1$sswagger-ui-bundle.js"></script>
                  <script src="%1$sswagger-ui-standalone-preset.js"></script>
                  <script>
                    const key = "opencrm-token";
                    function show(token) {
                      SwaggerUIBundle({
                        url: "/rest/open-api/core",
                        dom_id: "#swagger-ui",
                        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                        layout: "StandaloneLayout",
                        requestInterceptor: request => {
                          request.headers["Authorization"] = "Bearer " + token;
                          return request;
                        }
                      });
                    }
                    document.getElementById("token-form").addEventListener("submit", event => {
                      event.preventDefault();
                      const token = document.getElementById("token").value.trim();
                      sessionStorage.setItem(key, token);
                      show(token);
                    });
                    if (sessionStorage.getItem(key)) {
                      show(sessionStorage.getItem(key));
                    }
                  </script>
                </body>
                </html>
                """.formatted(base);
    }

    @GetMapping(path = PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(page);
    }

    /** The version of the swagger-ui webjar on the classpath, which names the folder of its files. */
    private static String webjarVersion() {
        try (InputStream in = SwaggerUi.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page and the webjar's files need no token; everything they call does. */
    @Configuration(proxyBeanMethods = false)
    static class SwaggerUiSecurity {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 1)
        SecurityFilterChain swaggerUiChain(HttpSecurity http) throws Exception {
            return http.securityMatcher(PAGE, WEBJAR + "**")
                    .csrf(AbstractHttpConfigurer::disable)
                    .requestCache(AbstractHttpConfigurer::disable)
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .build();
        }
    }
}
