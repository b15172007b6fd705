package dev.mlops.core.tune;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tuning trial: the searched values it tried, the trainer's full hyperparameters, the metrics
 * it scored (means over folds for cross-validation) and the score of the optimized metric.
 *
 * @param index           its position in the search, from 0
 * @param config          the searched hyperparameter values
 * @param hyperparameters every hyperparameter of the trained model, as text
 * @param metrics         headline metrics (fold means under cross-validation)
 * @param deviations      fold standard deviations under cross-validation; empty otherwise
 * @param score           the optimized metric's value
 * @param duration        how long the trial took
 * @param error           why the trial failed, or null when it succeeded (a failed trial scores NaN)
 * @since 0.1
 */
public record Trial(int index, Map<String, Object> config, Map<String, String> hyperparameters,
        Map<String, Double> metrics, Map<String, Double> deviations, double score, Duration duration,
        String error) {

    public Trial {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        deviations = Collections.unmodifiableMap(new LinkedHashMap<>(deviations));
    }

    /** Whether the trial trained and scored. */
    public boolean succeeded() {
        return error == null;
    }
}
