package org.opencrm.metadata.api;

import java.util.List;

/** A deletion would break what depends on the thing deleted; answered 409 listing the dependants. */
public class DependantsException extends RuntimeException {

    private final List<String> dependants;

    public DependantsException(String message, List<String> dependants) {
        super(message);
        this.dependants = List.copyOf(dependants);
    }

    public List<String> dependants() {
        return dependants;
    }
}
