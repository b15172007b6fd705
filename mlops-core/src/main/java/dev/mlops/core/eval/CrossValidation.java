package dev.mlops.core.eval;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Trainer;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.Fold;
import dev.mlops.core.split.KFold;
import dev.mlops.core.train.Progress;
import dev.mlops.core.train.PreparedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * k-fold cross-validation. In every fold the preparation steps are fitted on that fold's training
 * rows only (fitting them on all rows would leak the held-out rows' statistics into training),
 * the model is trained, and the held-out rows are evaluated.
 *
 * <pre>{@code
 * CrossValidation.Result cv = CrossValidation.run(Algorithms.tribuo().logisticRegression(), train, "Salary",
 *         Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)),
 *         Split.kFold(5).stratifiedBy("Salary").seed(42), ProgressListener.none());
 * cv.metric("accuracy").mean();
 * }</pre>
 *
 * @since 0.1
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * The metrics of every fold and their mean and deviation.
     *
     * @param perFold the headline metrics of each fold, in fold order
     * @param summary each metric across folds
     */
    public record Result(List<Map<String, Double>> perFold, Map<String, MetricStats> summary) {

        public Result {
            perFold = List.copyOf(perFold);
            summary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        }

        /**
         * One metric across folds.
         *
         * @throws IllegalArgumentException if the folds report no such metric
         */
        public MetricStats metric(String name) {
            MetricStats stats = summary.get(name);
            if (stats == null) {
                throw new IllegalArgumentException("no metric '" + name + "'; metrics are " + summary.keySet());
            }
            return stats;
        }

        /** Each metric's mean, for tracking. */
        public Map<String, Double> means() {
            Map<String, Double> means = new LinkedHashMap<>();
            summary.forEach((name, stats) -> means.put(name, stats.mean()));
            return means;
        }
    }

    /**
     * Cross-validates {@code trainer} on {@code data} over the folds {@code kFold} makes.
     *
     * @throws IllegalArgumentException if {@code data} has fewer rows than folds, or the column {@code kFold}
     *         stratifies by is absent or neither categorical nor boolean
     */
    public static Result run(Trainer trainer, Frame data, String target, Prep.StepChain steps, KFold kFold,
            ProgressListener listener) {
        Objects.requireNonNull(kFold, "kFold");
        return run(trainer, data, target, steps, kFold.apply(data), listener);
    }

    /**
     * Cross-validates over the given folds.
     *
     * @throws IllegalArgumentException if there are no folds
     */
    public static Result run(Trainer trainer, Frame data, String target, Prep.StepChain steps, List<Fold> folds,
            ProgressListener listener) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(steps, "steps");
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no folds");
        }
        ProgressListener guarded = Progress.guard(listener);
        List<Map<String, Double>> perFold = new ArrayList<>();
        guarded.onProgress(new ProgressEvent(ProgressEvent.Stage.FOLD, trainer.algorithm(), 0, folds.size(), ""));
        for (Fold fold : folds) {
            // a fold's model needs no profile or fingerprint: only the final bundle does
            PreparedModel model = PreparedModel.fit(trainer, fold.train(), target, steps, ProgressListener.none());
            Map<String, Double> metrics = Evaluation.metrics(model, fold.test());
            perFold.add(metrics);
            guarded.onProgress(new ProgressEvent(ProgressEvent.Stage.FOLD, trainer.algorithm(), perFold.size(),
                    folds.size(), headline(metrics)));
        }
        return new Result(perFold, summarize(perFold));
    }

    static Map<String, MetricStats> summarize(List<Map<String, Double>> perFold) {
        Map<String, MetricStats> summary = new LinkedHashMap<>();
        for (String name : perFold.get(0).keySet()) {
            List<Double> values = new ArrayList<>();
            for (Map<String, Double> fold : perFold) {
                values.add(fold.getOrDefault(name, Double.NaN));
            }
            summary.put(name, MetricStats.of(name, values));
        }
        return summary;
    }

    private static String headline(Map<String, Double> metrics) {
        String name = metrics.containsKey("accuracy") ? "accuracy" : "rmse";
        return String.format(java.util.Locale.ROOT, "%s %.4f", name, metrics.get(name));
    }
}
