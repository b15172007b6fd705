package dev.mlops.api.pipeline;

import dev.mlops.api.Frame;
import dev.mlops.api.model.Model;
import java.util.Map;

/**
 * Scores a model on test rows that hold its inputs and its target. The pipeline scores the new
 * model and, when an alias names a champion, the champion with the same evaluator on the same rows.
 *
 * @since 0.1
 */
public interface Evaluator {

    /**
     * The metrics of {@code model} on {@code test}, by name (such as {@code accuracy}); a metric
     * that cannot be computed is absent or NaN.
     *
     * @throws dev.mlops.api.InvalidInputException if the rows do not fit the model
     */
    Map<String, Double> evaluate(Model model, Frame test);
}
