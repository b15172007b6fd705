package dev.mlops.api.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An experiment's stored description.
 *
 * @param name        its name, unique in the store
 * @param description free text, empty when not set
 * @param tags        mutable key-value labels
 * @param created     when it was created
 * @since 0.1
 */
public record ExperimentInfo(String name, String description, Map<String, String> tags, Instant created) {
    public ExperimentInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(created, "created");
        tags = Maps.sorted(tags);
    }
}
