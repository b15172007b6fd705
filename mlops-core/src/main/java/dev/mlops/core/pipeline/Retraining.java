package dev.mlops.core.pipeline;

import dev.mlops.api.Frame;
import dev.mlops.core.bundle.ModelBundle;

/**
 * A retraining step: fresh data in, a candidate model out. A continuous-training policy calls it,
 * then decides on its own whether the candidate replaces the champion; the step registers nothing.
 * {@link Pipeline#asRetraining()} makes one of a pipeline.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Retraining {

    /**
     * A candidate trained on {@code fresh} (and whatever else the step reads).
     *
     * @throws RuntimeException when no candidate can be made; the policy records it and the champion
     *         keeps serving
     */
    ModelBundle retrain(Frame fresh);
}
