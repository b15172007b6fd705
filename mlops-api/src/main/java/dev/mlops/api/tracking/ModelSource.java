package dev.mlops.api.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to register as a new model version: the artifact's bytes and what it came from. Immutable;
 * each {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * ModelSource.of(bundleBytes).fromRun(run.id()).trainedOn(train).metric("accuracy", 0.86)
 * }</pre>
 *
 * @since 0.1
 */
public final class ModelSource {

    private final byte[] artifact;
    private final String runId;
    private final List<String> datasets;
    private final Map<String, Double> metrics;
    private final String signature;
    private final String description;
    private final Map<String, String> tags;

    private ModelSource(byte[] artifact, String runId, List<String> datasets, Map<String, Double> metrics,
            String signature, String description, Map<String, String> tags) {
        this.artifact = artifact;
        this.runId = runId;
        this.datasets = List.copyOf(datasets);
        this.metrics = Map.copyOf(metrics);
        this.signature = signature;
        this.description = description;
        this.tags = Map.copyOf(tags);
    }

    /** A source holding {@code artifact} (copied) and nothing else. */
    public static ModelSource of(byte[] artifact) {
        Objects.requireNonNull(artifact, "artifact");
        return new ModelSource(artifact.clone(), null, List.of(), Map.of(), null, "", Map.of());
    }

    /** Records the run that produced the model. */
    public ModelSource fromRun(String id) {
        return new ModelSource(artifact, Objects.requireNonNull(id, "runId"), datasets, metrics, signature,
                description, tags);
    }

    /** Records a dataset version the model was trained on. */
    public ModelSource trainedOn(DatasetVersion dataset) {
        List<String> more = new ArrayList<>(datasets);
        more.add(dataset.reference());
        return new ModelSource(artifact, runId, more, metrics, signature, description, tags);
    }

    /** Records a metric. */
    public ModelSource metric(String name, double value) {
        Map<String, Double> more = new LinkedHashMap<>(metrics);
        more.put(Objects.requireNonNull(name, "name"), value);
        return new ModelSource(artifact, runId, datasets, more, signature, description, tags);
    }

    /** Records the signature, as JSON. */
    public ModelSource signature(String json) {
        return new ModelSource(artifact, runId, datasets, metrics, Objects.requireNonNull(json, "signature"),
                description, tags);
    }

    /** Sets the description. */
    public ModelSource description(String text) {
        return new ModelSource(artifact, runId, datasets, metrics, signature, Objects.requireNonNull(text,
                "description"), tags);
    }

    /** Adds a tag. */
    public ModelSource tag(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ModelSource(artifact, runId, datasets, metrics, signature, description, more);
    }

    /** A copy of the artifact's bytes. */
    public byte[] artifact() {
        return artifact.clone();
    }

    /** The source run's id, or null. */
    public String runId() {
        return runId;
    }

    public List<String> datasets() {
        return datasets;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    /** The signature JSON, or null. */
    public String signature() {
        return signature;
    }

    public String description() {
        return description;
    }

    public Map<String, String> tags() {
        return tags;
    }
}
