package dev.mlops.core.bundle;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a bundle records about how its model came to be.
 *
 * @param algorithm       the trainer's algorithm identifier
 * @param hyperparameters every hyperparameter with its effective value
 * @param seed            the seed of every random choice
 * @param metrics         evaluation metrics, by name (may be empty)
 * @param dataset         the SHA-256 content fingerprint of the training frame
 * @param trainingRows    rows trained on
 * @param sdkVersion      the SDK version that trained it
 * @param backendVersions backend library versions (a loader refuses a mismatch where it matters)
 * @param created         when it was trained
 * @since 0.1
 */
public record BundleMetadata(String algorithm, Map<String, String> hyperparameters, long seed,
        Map<String, Double> metrics, String dataset, long trainingRows, String sdkVersion,
        Map<String, String> backendVersions, Instant created) {

    public BundleMetadata {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(sdkVersion, "sdkVersion");
        Objects.requireNonNull(created, "created");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        backendVersions = Collections.unmodifiableMap(new LinkedHashMap<>(backendVersions));
    }

    /** This metadata with {@code more} metrics added (replacing equal names). */
    public BundleMetadata withMetrics(Map<String, Double> more) {
        Map<String, Double> merged = new LinkedHashMap<>(metrics);
        merged.putAll(more);
        return new BundleMetadata(algorithm, hyperparameters, seed, merged, dataset, trainingRows, sdkVersion,
                backendVersions, created);
    }
}
