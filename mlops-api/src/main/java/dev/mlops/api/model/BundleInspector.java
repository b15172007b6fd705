package dev.mlops.api.model;

import dev.mlops.api.InvalidInputException;

/**
 * Checks that bytes are a model bundle this class path can load, for stores that keep bundles
 * without knowing their layout: the model registry calls it on every {@code ModelSource.of(bytes)}
 * before anything is stored, and records the signature it returns. {@code mlops-core} provides the
 * inspector, found through {@link BundleInspectors}. Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface BundleInspector {

    /**
     * The signature of the bundle {@code artifact} holds, after every check that loading it would
     * make (layout, checksums, limits, versions, its model's format).
     *
     * @param artifact the bytes, which are not changed
     * @param source   what they are, for messages (such as {@code "model source for 'churn'"})
     * @throws InvalidInputException if the bytes are not such a bundle, saying why
     */
    Signature inspect(byte[] artifact, String source);
}
