package dev.mlops.serving;

import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.core.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where serving starts: a {@link Predictor} for a bundle in memory, a bundle file, or a registered
 * version.
 *
 * <pre>{@code
 * Predictor predictor = Serving.predictor(tracker.registry(), "income@champion");
 * Prediction p = predictor.predict(Features.of("age", 39, "workclass", "State-gov", ...));
 * p.origin().get().version();   // the registry version that answered
 * }</pre>
 *
 * @since 0.1
 */
public final class Serving {

    private Serving() {
    }

    /**
     * A strict predictor for {@code bundle}, under the name {@code model} and version 0.
     *
     * @throws IllegalArgumentException if the bundle's preparation cannot be compiled for its signature
     */
    public static Predictor predictor(ModelBundle bundle, String model) {
        return new Predictor(model, 0, bundle, RequestPolicy.STRICT, 0);
    }

    /**
     * A strict predictor for the bundle in {@code file}, verified on load, named after the file.
     *
     * @throws dev.mlops.core.bundle.BundleException if the file is not a bundle this SDK can load
     */
    public static Predictor predictor(Path file) {
        Objects.requireNonNull(file, "file");
        ModelBundle bundle = ModelBundle.load(file);
        long bytes;
        try {
            bytes = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            bytes = 0; // read a moment ago; the size is only a cache weight
        }
        return new Predictor(String.valueOf(file.getFileName()), 0, bundle, RequestPolicy.STRICT, bytes);
    }

    /**
     * A strict predictor for the version {@code reference} names ({@code name/3}, or {@code name@alias}
     * resolved once, now: a {@code Deployment} follows an alias as it moves).
     *
     * @throws dev.mlops.api.tracking.NotFoundException if no version has that reference
     * @throws dev.mlops.core.bundle.BundleException    if its artifact is not a bundle this SDK can load
     */
    public static Predictor predictor(ModelRegistry registry, String reference) {
        Objects.requireNonNull(registry, "registry");
        return load(registry, registry.version(reference), RequestPolicy.STRICT);
    }

    static Predictor load(ModelRegistry registry, ModelVersion version, RequestPolicy policy) {
        byte[] artifact = registry.artifact(version);
        ModelBundle bundle = ModelBundle.fromBytes(artifact, "model " + version.reference());
        return new Predictor(version.model(), version.version(), bundle, policy, artifact.length);
    }
}
