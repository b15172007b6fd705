package dev.mlops.tracking.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code experiments/<name>/experiment.json}. */
record ExperimentDocument(int format, String name, String description, Map<String, String> tags,
        Instant created) {

    public static final int FORMAT = 1;

    public ExperimentDocument {
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown experiment format " + format + "; this SDK reads format "
                    + FORMAT);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(created, "created");
        tags = new TreeMap<>(tags);
    }
}
