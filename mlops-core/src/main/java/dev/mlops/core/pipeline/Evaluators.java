package dev.mlops.core.pipeline;

import dev.mlops.api.Frame;
import dev.mlops.api.model.Model;
import dev.mlops.api.pipeline.Evaluator;
import dev.mlops.api.pipeline.Recipe;
import dev.mlops.api.pipeline.Reproducible;
import dev.mlops.core.eval.Evaluation;
import java.util.Map;

/**
 * The built-in evaluator.
 *
 * @since 0.1
 */
public final class Evaluators {

    private static final Evaluator STANDARD = new Standard();

    private Evaluators() {
    }

    /** The headline metrics of the model's task ({@link Evaluation#metrics}); a pipeline's default. */
    public static Evaluator standard() {
        return STANDARD;
    }

    private record Standard() implements Evaluator, Reproducible {
        @Override
        public Map<String, Double> evaluate(Model model, Frame test) {
            return Evaluation.metrics(model, test);
        }

        @Override
        public Recipe recipe() {
            return Recipe.of("evaluate.standard");
        }

        @Override
        public String toString() {
            return "standard metrics";
        }
    }
}
