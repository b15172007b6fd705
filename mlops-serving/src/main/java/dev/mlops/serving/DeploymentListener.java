package dev.mlops.serving;

/**
 * Hears what a deployment does. Called on the thread that made the change (the polling thread, or
 * the caller of {@code refresh()} or {@code rollback()}); never on the request path, except
 * {@link #released}, which the last request on a retired version triggers, and {@link #shadowed},
 * called on the shadow's own thread. A listener that throws is
 * logged once and otherwise ignored: it cannot break serving.
 *
 * @since 0.1
 */
public interface DeploymentListener {

    /** A listener that does nothing. */
    DeploymentListener NONE = new DeploymentListener() {
    };

    /** {@code deployment} now serves {@code to} (loaded, warmed and validated); it served {@code from}, or 0. */
    default void swapped(String deployment, int from, int to) {
    }

    /**
     * Version {@code version} could not be loaded, warmed or validated and was not served; reported
     * once per version, which is not tried again until the alias names it anew.
     */
    default void failed(String deployment, int version, Throwable error) {
    }

    /** The last request on the retired version {@code version} has ended. */
    default void released(String deployment, int version) {
    }

    /**
     * A shadow answered {@code row} in time: {@code primary} is what the caller got, {@code shadow}
     * what the shadow version would have answered (each with its own origin and prediction id), to
     * record both for comparison. Called on the shadow's thread; a slow listener slows only the shadow.
     */
    default void shadowed(String deployment, dev.mlops.api.Features row, dev.mlops.api.Prediction primary,
            dev.mlops.api.Prediction shadow) {
    }
}
