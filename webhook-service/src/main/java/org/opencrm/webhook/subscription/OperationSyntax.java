package org.opencrm.webhook.subscription;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The grammar of a webhook operation: {@code <object|*>.<action|*>}, the object being a {@code nameSingular}
 * ({@code person}, {@code opportunity}, a custom object's name) and the action one of {@link #ACTIONS}.
 */
public final class OperationSyntax {

    /** Matches any object or any action. */
    public static final String WILDCARD = "*";

    /** What can happen to a record, as the second half of an event name. */
    public static final Set<String> ACTIONS = Set.of("created", "updated", "deleted", "destroyed", "restored");

    /** Object names as the metadata service allows them: camelCase, starting with a lower-case letter. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z][a-zA-Z0-9]{0,62}");

    private OperationSyntax() {
    }

    public static boolean isWellFormed(String operation) {
        int dot = operation.indexOf('.');
        if (dot < 0 || operation.indexOf('.', dot + 1) >= 0) {
            return false;
        }
        String object = operation.substring(0, dot);
        String action = operation.substring(dot + 1);
        return (WILDCARD.equals(object) || OBJECT_NAME.matcher(object).matches())
                && (WILDCARD.equals(action) || ACTIONS.contains(action));
    }
}
