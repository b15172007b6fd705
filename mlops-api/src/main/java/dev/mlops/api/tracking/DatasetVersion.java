package dev.mlops.api.tracking;

import dev.mlops.api.DatasetFingerprint;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a named dataset. Versions of a name are numbered 1, 2, 3, ... in the order
 * they were logged; logging content equal to an existing version of the name returns that version
 * instead of storing anything new.
 *
 * @param name        the dataset's name
 * @param version     its number, from 1
 * @param fingerprint the content's fingerprint, schema and row count
 * @param created     when this version was first logged
 * @since 0.1
 */
public record DatasetVersion(String name, int version, DatasetFingerprint fingerprint, Instant created) {
    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code version} is below 1
     */
    public DatasetVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(created, "created");
        if (version < 1) {
            throw new IllegalArgumentException("dataset versions start at 1, not " + version);
        }
    }

    /** The reference {@code name/version}, as accepted by {@link Datasets#version(String)}. */
    public String reference() {
        return name + "/" + version;
    }
}
