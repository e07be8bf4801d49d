package org.opencrm.dataapi.model;

/** metadata-service could not tell the workspace's data model; answered 503 or UNAVAILABLE. */
public class MetadataUnavailableException extends RuntimeException {

    public MetadataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
