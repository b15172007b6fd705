package dev.mlops.core.pipeline;

import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.bundle.ModelBundle;
import java.util.Objects;

/**
 * A bundle into the registry and back, one call each: what would otherwise be glue between
 * {@code ModelBundle} (which knows the model) and {@link ModelRegistry} (which knows only bytes and
 * the api's values).
 *
 * <pre>{@code
 * ModelVersion version = ModelRegistrations.register(tracker.registry(), "income", bundle, run, trainVersion);
 * ModelBundle champion = ModelRegistrations.load(tracker.registry(), "income@champion");
 * }</pre>
 *
 * @since 0.1
 */
public final class ModelRegistrations {

    private ModelRegistrations() {
    }

    /**
     * Registers {@code bundle} as the next version of {@code model}: its bytes (which the registry
     * checks and takes the signature from), metrics and algorithm, the run it came from (which also gets the bundle as its artifact
     * {@code model/<model>.bundle}), and the datasets it was trained or evaluated on.
     *
     * @param run       the run that made it, or null
     * @param trainedOn dataset versions of this registry's tracker
     * @throws dev.mlops.api.InvalidInputException if the model name, a metric name or a dataset is refused
     */
    public static ModelVersion register(ModelRegistry registry, String model, ModelBundle bundle, Run run,
            DatasetVersion... trainedOn) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(bundle, "bundle");
        byte[] bytes = bundle.toBytes();
        ModelSource source = ModelSource.of(bytes).description(bundle.metadata().algorithm() + " predicting '"
                + bundle.signature().target() + "'");
        for (var metric : bundle.metadata().metrics().entrySet()) {
            source = source.metric(metric.getKey(), metric.getValue());
        }
        for (DatasetVersion dataset : trainedOn) {
            source = source.trainedOn(dataset);
        }
        if (run != null) {
            run.logArtifact("model/" + model + ".bundle", bytes);
            source = source.fromRun(run.id());
        }
        return registry.register(model, source);
    }

    /**
     * The version {@code reference} names ({@code name/3} or {@code name@alias}) as a verified bundle.
     *
     * @throws dev.mlops.api.tracking.NotFoundException if no version has that reference
     * @throws BundleException                          if its artifact is not a bundle this SDK can load
     */
    public static ModelBundle load(ModelRegistry registry, String reference) {
        ModelVersion version = registry.version(reference);
        return ModelBundle.fromBytes(registry.artifact(version), "model " + version.reference());
    }
}
