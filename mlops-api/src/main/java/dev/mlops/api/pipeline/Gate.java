package dev.mlops.api.pipeline;

import java.util.Map;

/**
 * A condition a model must meet before a pipeline registers it. A failed gate is a decision, not
 * an error: the run records it and the model is not registered.
 *
 * @since 0.1
 */
public interface Gate {

    /** What it requires, such as {@code accuracy >= 0.85}. */
    String description();

    /**
     * Decides on the new model's metrics.
     *
     * @param candidate the new model's metrics on the test rows
     * @param champion  the champion's metrics on the same rows; empty when no alias names a champion
     */
    GateResult check(Map<String, Double> candidate, Map<String, Double> champion);
}
