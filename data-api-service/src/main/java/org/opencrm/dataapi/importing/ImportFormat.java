package org.opencrm.dataapi.importing;

import java.util.Optional;

import org.springframework.http.MediaType;

/** The body formats an import takes, by {@code Content-Type}. */
enum ImportFormat {

    /** RFC 4180 CSV with a header row of field names; {@code text/csv}. */
    CSV("text/csv"),
    /** One JSON object per line, as the records API takes it; {@code application/x-ndjson}. */
    NDJSON("application/x-ndjson");

    private final MediaType mediaType;

    ImportFormat(String mediaType) {
        this.mediaType = MediaType.parseMediaType(mediaType);
    }

    MediaType mediaType() {
        return mediaType;
    }

    static Optional<ImportFormat> of(MediaType contentType) {
        for (ImportFormat format : values()) {
            if (format.mediaType.isCompatibleWith(contentType) && !contentType.isWildcardType()
                    && !contentType.isWildcardSubtype()) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
