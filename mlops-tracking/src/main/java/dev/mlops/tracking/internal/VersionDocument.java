package dev.mlops.tracking.internal;

import dev.mlops.api.tracking.ModelVersion;
import java.util.Objects;

/**
 * {@code registry/<model>/versions/<n>.json}: one model version. Format 2 records the artifact's kind
 * and keeps the signature as a JSON object; format 1 (no kind, the signature as JSON text) still reads.
 */
record VersionDocument(int format, ModelVersion version) {

    public static final int FORMAT = 2;

    public VersionDocument {
        if (format != FORMAT && format != 1) {
            throw new IllegalArgumentException("unknown model version format " + format + "; this SDK reads formats"
                    + " 1 and " + FORMAT);
        }
        Objects.requireNonNull(version, "version");
    }
}
