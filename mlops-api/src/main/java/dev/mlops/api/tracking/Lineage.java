package dev.mlops.api.tracking;

import java.util.List;
import java.util.Objects;

/**
 * Where a model version came from: its source run (with that run's params) and the dataset
 * versions it was trained on, plus the run's dataset inputs.
 *
 * @param version  the model version
 * @param run      its source run, or null when it was registered without one
 * @param datasets the dataset versions it names, and those its run used
 * @since 0.1
 */
public record Lineage(ModelVersion version, RunInfo run, List<DatasetVersion> datasets) {
    public Lineage {
        Objects.requireNonNull(version, "version");
        datasets = List.copyOf(datasets);
    }
}
