package dev.mlops.api.tracking;

import dev.mlops.api.model.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to register as a new model version: the artifact's bytes and what it came from. Immutable;
 * each method returns a changed copy.
 *
 * <pre>{@code
 * ModelSource.of(bundleBytes).fromRun(run.id()).trainedOn(train).metric("accuracy", 0.86)
 * }</pre>
 *
 * <p>A source made with {@link #of} holds a model bundle: the registry checks, before it stores
 * anything, that the bytes load as one on its class path (through the
 * {@link dev.mlops.api.model.BundleInspectors BundleInspector}) and records the bundle's signature.
 * Bytes of any other kind are registered with {@link #opaque}, and are never taken for a bundle.
 * In {@code mlops-core}, {@code ModelRegistrations.register} makes the source from a bundle and a
 * run in one call.
 *
 * @since 0.1
 */
public final class ModelSource {

    private final byte[] artifact;
    private final ArtifactKind kind;
    private final String runId;
    private final List<String> datasets;
    private final Map<String, Double> metrics;
    private final Signature signature;
    private final String description;
    private final Map<String, String> tags;

    private ModelSource(byte[] artifact, ArtifactKind kind, String runId, List<String> datasets,
            Map<String, Double> metrics, Signature signature, String description, Map<String, String> tags) {
        this.artifact = artifact;
        this.kind = kind;
        this.runId = runId;
        this.datasets = List.copyOf(datasets);
        this.metrics = Map.copyOf(metrics);
        this.signature = signature;
        this.description = description;
        this.tags = Map.copyOf(tags);
    }

    /**
     * A source holding the model bundle {@code bundle} (copied) and nothing else. The registry refuses
     * it if the bytes are not a bundle that loads.
     */
    public static ModelSource of(byte[] bundle) {
        Objects.requireNonNull(bundle, "bundle");
        return new ModelSource(bundle.clone(), ArtifactKind.BUNDLE, null, List.of(), Map.of(), null, "", Map.of());
    }

    /**
     * A source holding {@code artifact} (copied), which the registry keeps without looking inside:
     * a rule file, another tool's model. It has a signature only if one is {@link #signature given}.
     */
    public static ModelSource opaque(byte[] artifact) {
        Objects.requireNonNull(artifact, "artifact");
        return new ModelSource(artifact.clone(), ArtifactKind.OPAQUE, null, List.of(), Map.of(), null, "", Map.of());
    }

    /** Records the run that produced the model. */
    public ModelSource fromRun(String id) {
        return new ModelSource(artifact, kind, Objects.requireNonNull(id, "runId"), datasets, metrics, signature,
                description, tags);
    }

    /** Records a dataset version the model was trained on. */
    public ModelSource trainedOn(DatasetVersion dataset) {
        List<String> more = new ArrayList<>(datasets);
        more.add(dataset.reference());
        return new ModelSource(artifact, kind, runId, more, metrics, signature, description, tags);
    }

    /** Records a metric. */
    public ModelSource metric(String name, double value) {
        Map<String, Double> more = new LinkedHashMap<>(metrics);
        more.put(Objects.requireNonNull(name, "name"), value);
        return new ModelSource(artifact, kind, runId, datasets, more, signature, description, tags);
    }

    /**
     * Records the signature. A bundle carries its own, which is the one recorded: one given here must
     * equal it, or the registry refuses the source.
     */
    public ModelSource signature(Signature signature) {
        return new ModelSource(artifact, kind, runId, datasets, metrics, Objects.requireNonNull(signature,
                "signature"), description, tags);
    }

    /** Sets the description. */
    public ModelSource description(String text) {
        return new ModelSource(artifact, kind, runId, datasets, metrics, signature, Objects.requireNonNull(text,
                "description"), tags);
    }

    /** Adds a tag. */
    public ModelSource tag(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ModelSource(artifact, kind, runId, datasets, metrics, signature, description, more);
    }

    /** A copy of the artifact's bytes. */
    public byte[] artifact() {
        return artifact.clone();
    }

    /** Whether the artifact is a bundle, to be checked, or opaque bytes. */
    public ArtifactKind kind() {
        return kind;
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

    /** The signature given with {@link #signature(Signature)}, or null. */
    public Signature signature() {
        return signature;
    }

    public String description() {
        return description;
    }

    public Map<String, String> tags() {
        return tags;
    }
}
