package dev.mlops.core.tune;

import dev.mlops.core.bundle.ModelBundle;
import java.util.Comparator;
import java.util.List;

/**
 * What a search found: every trial in search order, the best one, and the best configuration
 * refitted on all the training data.
 *
 * @param metric    the optimized metric
 * @param maximize  whether larger is better
 * @param trials    every trial, in search order
 * @param best      the best trial (the earliest among equals)
 * @param bestModel the best configuration trained on all rows
 * @since 0.1
 */
public record TuningResult(String metric, boolean maximize, List<Trial> trials, Trial best, ModelBundle bestModel) {

    public TuningResult {
        trials = List.copyOf(trials);
    }

    /** The trials from best to worst (NaN scores last). */
    public List<Trial> ranked() {
        Comparator<Trial> byScore = Comparator.comparingDouble(t -> maximize ? -t.score() : t.score());
        return trials.stream().sorted(Comparator.comparing((Trial t) -> Double.isNaN(t.score()))
                .thenComparing(byScore).thenComparingInt(Trial::index)).toList();
    }
}
