package dev.mlops.serving;

/**
 * A host's own test of a version before a deployment serves it (for example: its accuracy on a
 * holdout is not worse than the one it replaces). It runs off the request path, after loading and
 * warming; throwing refuses the version, which is then reported once and not served.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface VersionCheck {

    /** Accepts every version that loads and warms. */
    VersionCheck NONE = candidate -> { };

    /**
     * Checks {@code candidate}.
     *
     * @throws RuntimeException saying why it must not be served
     */
    void check(Predictor candidate);
}
