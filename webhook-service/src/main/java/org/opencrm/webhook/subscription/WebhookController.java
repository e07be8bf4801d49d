package org.opencrm.webhook.subscription;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opencrm.security.CrmPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** {@code /rest/webhooks}: a workspace's webhooks, in Twenty's {@code {"data": {...}}} envelopes. */
@RestController
@RequestMapping("/rest/webhooks")
class WebhookController {

    private final WebhookRegistration registration;

    WebhookController(WebhookRegistration registration) {
        this.registration = registration;
    }

    @PostMapping
    ResponseEntity<Map<String, Map<String, WebhookView>>> create(@RequestBody JsonNode body) {
        WebhookView created = registration.create(workspace(), body);
        return ResponseEntity.created(URI.create("/rest/webhooks/" + created.id()))
                .body(Map.of("data", Map.of("createWebhook", created)));
    }

    @GetMapping
    Map<String, Map<String, List<WebhookView>>> list() {
        return Map.of("data", Map.of("webhooks", registration.list(workspace())));
    }

    @GetMapping("/{id}")
    Map<String, Map<String, WebhookView>> get(@PathVariable UUID id) {
        return Map.of("data", Map.of("webhook", registration.get(workspace(), id)));
    }

    @DeleteMapping("/{id}")
    Map<String, Map<String, WebhookView>> delete(@PathVariable UUID id) {
        return Map.of("data", Map.of("deleteWebhook", registration.delete(workspace(), id)));
    }

    private static UUID workspace() {
        return CrmPrincipal.current().requireWorkspace();
    }
}
