package org.opencrm.metadata.api;

/** Nothing by that id is visible to the caller (it does not exist or belongs to another workspace); answered 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
