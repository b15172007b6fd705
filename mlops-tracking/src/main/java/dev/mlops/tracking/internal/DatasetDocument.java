package dev.mlops.tracking.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code datasets/<name>/versions/<n>.json}: one dataset version. The content is CSV (with the
 * schema here) in the blob {@code contentSha256}; {@code fingerprint} is the frame's fingerprint, by
 * which equal content is recognised; {@code profileSha256} names the stored profile, or is null;
 * {@code origin} says where the rows came from, when known (left out of the file otherwise).
 */
record DatasetDocument(int format, String name, int version, String fingerprint, JsonNode schema,
        long rowCount, String contentSha256, String profileSha256, Instant created,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        dev.mlops.api.tracking.DatasetOrigin origin) {

    public static final int FORMAT = 1;

    public DatasetDocument {
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown dataset format " + format + "; this SDK reads format "
                    + FORMAT);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(created, "created");
    }
}
