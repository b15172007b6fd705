package dev.mlops.api.tracking;

/**
 * What a registered model version's artifact is.
 *
 * @since 0.1
 */
public enum ArtifactKind {
    /** A model bundle, checked at registration to load on the registering class path; its signature is recorded. */
    BUNDLE,
    /**
     * Bytes the registry keeps without looking inside (a rule file, another tool's model), registered
     * with {@link ModelSource#opaque}; also every version registered before kinds were recorded.
     */
    OPAQUE
}
