package dev.mlops.tracking.internal;

import dev.mlops.api.tracking.ModelVersion;
import java.util.Objects;

/** {@code registry/<model>/versions/<n>.json}: one model version. */
record VersionDocument(int format, ModelVersion version) {

    public static final int FORMAT = 1;

    public VersionDocument {
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown model version format " + format + "; this SDK reads format "
                    + FORMAT);
        }
        Objects.requireNonNull(version, "version");
    }
}
