package dev.mlops.api.model;

import dev.mlops.api.Schema;
import java.util.List;
import java.util.Map;

/**
 * A serialized model format: reads back the bytes that a {@link FittedModel} of this format wrote
 * with {@link FittedModel#serialize()}. A bundle names its model's format, and the bundle loader
 * finds the format by {@link #name()} through {@link ModelFormats}: implementations are discovered
 * with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.mlops.api.model.ModelFormat}; it needs a public no-argument
 * constructor) or registered with {@link ModelFormats#register} (handy in JShell and tests).
 *
 * <p>The loader calls {@link #read} only after its own checks have passed (checksums, size limits,
 * the bundle's format version, and {@link #reads} for every backend version the bundle records);
 * the bytes must still be treated as untrusted input: a reader never deserializes arbitrary
 * classes. Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface ModelFormat {

    /** The identifier models of this format return from {@link FittedModel#format()}, such as {@code tribuo-protobuf}. */
    String name();

    /**
     * The backend libraries this format reads with, name to the version on this class path (for
     * example {@code tribuo} and {@code xgboost4j}); empty when it needs none.
     */
    Map<String, String> backendVersions();

    /**
     * Whether a model written with {@code backend} at version {@code writtenWith} can be read on this
     * class path. By default only the very same version can; a format whose files survive minor
     * releases says so by overriding this.
     *
     * @param backend     a library name the bundle records, such as {@code xgboost4j}
     * @param writtenWith the version the model was written with
     */
    default boolean reads(String backend, String writtenWith) {
        return writtenWith.equals(backendVersions().get(backend));
    }

    /**
     * Reads a model.
     *
     * @param model  the bytes {@link FittedModel#serialize()} wrote
     * @param task   the task the bundle declares; the model must have it
     * @param inputs the prepared columns the bundle declares, in order; the model must read exactly these
     * @param labels for a classifier, the labels the bundle declares in the model's order; empty for a regression
     * @return the model, equal in behaviour to the one that was serialized
     * @throws IllegalArgumentException if the bytes are not a model of this format, or the model
     *                                  does not match the declared task, inputs or labels
     */
    FittedModel read(byte[] model, Task task, Schema inputs, List<String> labels);
}
