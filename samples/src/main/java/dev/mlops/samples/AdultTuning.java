package dev.mlops.samples;

import dev.mlops.api.Frame;
import dev.mlops.api.pipeline.DataSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineResult;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.ConsoleProgress;
import dev.mlops.core.train.TribuoXGBoost;
import dev.mlops.core.tune.SearchSpace;
import dev.mlops.core.tune.Trial;
import dev.mlops.core.tune.Tuning;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * The Adult pipeline tuned: a random search of 16 XGBoost configurations, each scored by 5-fold
 * cross-validation (stratified by {@code Salary}) on {@code adult.data} only; the best is refitted
 * on all of it and tested once on the official {@code adult.test}, where the bar is CatBoost's
 * published tuned error, 12.67%. Then the recorded run is built again from its record and re-run,
 * to the same figures. The search space keeps the learning rate small and the rounds many, where
 * a wider one wastes trials on over-fitting combinations (a high rate with many rounds).
 *
 * <p>Run it with {@code mvn -B -q -pl samples -am compile exec:java -Dsample.main=dev.mlops.samples.AdultTuning}
 * from the repository root; it takes several minutes on 2 cores (16 trials x 5 folds, twice).
 */
public final class AdultTuning {

    /** CatBoost's published tuned zero-one loss on this split. */
    static final double BAR = 0.1267;

    private AdultTuning() {
    }

    /** The search: 16 random configurations, 5 stratified folds, seeds fixed. */
    static Tuning search(int parallelism) {
        SearchSpace space = SearchSpace.of()
                .logUniform(TribuoXGBoost.ETA, 0.02, 0.05)
                .integers(TribuoXGBoost.TREES, 500, 1000)
                .integers(TribuoXGBoost.MAX_DEPTH, 4, 6)
                .uniform(TribuoXGBoost.MIN_CHILD_WEIGHT, 1, 3)
                .uniform(TribuoXGBoost.SUBSAMPLE, 0.7, 0.9)
                .uniform(TribuoXGBoost.FEATURE_SUBSAMPLE, 0.3, 0.6)
                .uniform(TribuoXGBoost.GAMMA, 0, 1)
                .uniform(TribuoXGBoost.LAMBDA, 1, 3);
        return Tuning.random(Algorithms.tribuo().xgboost().threads(1), space, 16, 1)
                .crossValidation(Split.kFold(5).stratifiedBy(AdultTraining.TARGET).seed(1))
                .optimize("accuracy", true)
                .parallelism(parallelism);
    }

    public static void main(String[] args) {
        ConsoleProgress.quietBackends();
        Path storeRoot = Datasets.storeRoot();
        try (Tracker tracker = Tracking.local(storeRoot)) {
            Frame train = Datasets.adultTrain().frame();
            Frame test = Datasets.adultTestWithTrainingLabels();
            Pipeline pipeline = Pipeline.from(DataSource.of("adult.data", () -> Datasets.adultTrain().frame()))
                    .target(AdultTraining.TARGET)
                    .prepare(Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.IGNORE)))
                    .testOn(DataSource.of("adult.test", () -> test))
                    .tune(search(Runtime.getRuntime().availableProcessors()))
                    .gate(Gates.atMost("error", BAR))
                    .track(tracker, "adult-tuning")
                    .listener(ConsoleProgress.toStandardOutput());
            long start = System.nanoTime();
            PipelineResult tuned = pipeline.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println();
            System.out.print(tuned);
            Trial best = tuned.tuning().orElseThrow().best();
            System.out.printf(Locale.ROOT, "%nSearched 16 configurations x 5 folds on adult.data in %.0f s; cross-validated"
                    + " accuracy from %.4f to %.4f; best %s%n", seconds,
                    tuned.tuning().orElseThrow().trials().stream().mapToDouble(Trial::score).min().orElseThrow(),
                    best.score(), best.hyperparameters());
            System.out.printf(Locale.ROOT, "On all %,d rows of adult.test: error %.2f%% (bar: CatBoost's tuned %.2f%%),"
                    + " log loss %.4f (CatBoost's 0.2695)%n", tuned.testRows(), 100 * tuned.metrics().get("error"),
                    100 * BAR, tuned.metrics().get("logLoss"));

            start = System.nanoTime();
            PipelineResult again = Pipeline.rerun(tracker, tuned.runId().orElseThrow());
            System.out.printf(Locale.ROOT, "Re-ran run %s from its record in %.0f s: same trials and metrics, bit for bit:"
                    + " %s%n", tuned.runId().orElseThrow(), (System.nanoTime() - start) / 1e9,
                    again.metrics().equals(tuned.metrics())
                            && again.tuning().orElseThrow().trials().stream().map(Trial::metrics).toList()
                            .equals(tuned.tuning().orElseThrow().trials().stream().map(Trial::metrics).toList()));
            tuned.tuning().orElseThrow().trials().stream().sorted(Comparator.comparingDouble(Trial::score).reversed())
                    .limit(3).forEach(t -> System.out.printf(Locale.ROOT, "  trial %2d: CV accuracy %.4f  %s%n",
                            t.index(), t.score(), t.hyperparameters()));
        }
    }
}
