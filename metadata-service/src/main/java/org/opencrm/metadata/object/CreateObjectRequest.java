package org.opencrm.metadata.object;

/** The body of {@code POST /rest/metadata/objects}. */
record CreateObjectRequest(
        String nameSingular,
        String namePlural,
        String labelSingular,
        String labelPlural,
        String description,
        String icon) {
}
