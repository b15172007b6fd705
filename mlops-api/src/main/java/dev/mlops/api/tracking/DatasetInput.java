package dev.mlops.api.tracking;

import java.util.Objects;

/**
 * A dataset version a run used, and what for.
 *
 * @param dataset the stored version
 * @param role    train, validation, test or other
 * @since 0.1
 */
public record DatasetInput(DatasetVersion dataset, DatasetRole role) {
    public DatasetInput {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(role, "role");
    }
}
