package org.opencrm.webhook.delivery;

import java.util.Collection;

import org.opencrm.webhook.subscription.OperationSyntax;

/** Whether a webhook's operations select an event: {@code person.created} by itself, {@code person.*}, {@code *.created} or {@code *.*}. */
final class OperationMatcher {

    private OperationMatcher() {
    }

    static boolean matchesAny(Collection<String> operations, String eventName) {
        return operations.stream().anyMatch(operation -> matches(operation, eventName));
    }

    static boolean matches(String operation, String eventName) {
        int operationDot = operation.indexOf('.');
        int eventDot = eventName.indexOf('.');
        if (operationDot < 0 || eventDot < 0) {
            return false;
        }
        return partMatches(operation.substring(0, operationDot), eventName.substring(0, eventDot))
                && partMatches(operation.substring(operationDot + 1), eventName.substring(eventDot + 1));
    }

    private static boolean partMatches(String pattern, String value) {
        return OperationSyntax.WILDCARD.equals(pattern) || pattern.equals(value);
    }
}
