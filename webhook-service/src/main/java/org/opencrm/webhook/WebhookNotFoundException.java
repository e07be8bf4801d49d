package org.opencrm.webhook;

import java.util.UUID;

/** No live webhook with this id in the caller's workspace; answered with 404 whether it exists elsewhere or not. */
public class WebhookNotFoundException extends RuntimeException {

    public WebhookNotFoundException(UUID webhookId) {
        super("No webhook " + webhookId + " in this workspace");
    }
}
