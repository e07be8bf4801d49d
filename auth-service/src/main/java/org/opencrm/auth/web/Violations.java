package org.opencrm.auth.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of one request so the caller learns them all at once. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public Violations add(String field, String rule, String message) {
        found.add(new Violation(field, rule, message));
        return this;
    }

    /** Throws {@link InvalidRequestException} if any rule was broken. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }
}
