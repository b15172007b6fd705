package dev.mlops.samples;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.eval.ClassificationMetrics;
import dev.mlops.core.eval.Evaluation;
import dev.mlops.core.eval.SlicedEvaluation;
import dev.mlops.core.pipeline.ModelRegistrations;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.AlgorithmTrainer;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.ConsoleProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a logistic regression and gradient-boosted trees on {@code adult.data}, evaluates both on
 * the official test split {@code adult.test} (whose labels end with a period and are mapped
 * explicitly), prints the dataset documentation's published error rates beside ours, repeats the
 * comparison on a stratified 80/20 split of {@code adult.data}, slices the boosted model by
 * {@code sex}, and registers it.
 */
final class AdultTraining {

    static final String TARGET = "Salary";
    static final String BOOSTED = "gradient-boosted trees (XGBoost)";

    /** The dataset documentation's test-set errors on this split (rows with unknowns removed), best first. */
    static final Map<String, Double> PUBLISHED_ERRORS = publishedErrors();

    private AdultTraining() {
    }

    /** The models this sample compares, each with the SDK's default hyperparameters. */
    static Map<String, AlgorithmTrainer<?>> models() {
        Map<String, AlgorithmTrainer<?>> models = new LinkedHashMap<>();
        models.put("logistic regression (Tribuo)", Algorithms.tribuo().logisticRegression());
        models.put("gradient-boosted trees (XGBoost)", Algorithms.tribuo().xgboost());
        models.put("gradient-boosted trees (Smile)", Algorithms.smile().gradientBoosting());
        return models;
    }

    /**
     * Each family gets the preparation it needs. A linear model cannot bend, so it is given the
     * shapes a tree finds by itself: age and hours in ten quantile bins, capital amounts on a log
     * scale with flags for the large gains and losses that almost always mean a high income, and
     * every number standardized; fnlwgt, a sampling weight, is dropped. XGBoost takes one-hot
     * categories; Smile's trees split the categories themselves.
     */
    static Prep.StepChain preparation(AlgorithmTrainer<?> trainer) {
        if (trainer.algorithm().contains("logistic")) {
            return Prep.chain(Prep.impute(Impute.MOST_FREQUENT),
                    Prep.derive("gain_over_5k", "min(max(`capital-gain` - 5000, 0), 1)"),
                    Prep.derive("loss_over_1500", "min(max(`capital-loss` - 1500, 0), 1)"),
                    Prep.log1p("capital-gain", "capital-loss"),
                    Prep.quantileBins(10, "age", "hours-per-week"),
                    Prep.convert("age", FieldType.CATEGORICAL), Prep.convert("hours-per-week", FieldType.CATEGORICAL),
                    Prep.drop("fnlwgt"), Prep.standardize(), Prep.oneHot(Unseen.IGNORE));
        }
        if (trainer.algorithm().startsWith("smile.")) {
            return Prep.chain(Prep.impute(Impute.MOST_FREQUENT));
        }
        return Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.oneHot(Unseen.IGNORE));
    }

    /**
     * {@code adult.test} with its labels mapped to the training labels ({@code >50K.} to
     * {@code >50K}); any other label is an error rather than a silent new class.
     */
    static Frame mapTestLabels(Frame test, List<String> trainingLabels) {
        CategoricalColumn labels = test.categorical(TARGET);
        List<String> mapped = new ArrayList<>();
        for (String label : labels.dictionary()) {
            String withoutPeriod = label.endsWith(".") ? label.substring(0, label.length() - 1) : label;
            if (!trainingLabels.contains(withoutPeriod)) {
                throw new IllegalArgumentException("adult.test label '" + label + "' matches no training label "
                        + trainingLabels);
            }
            mapped.add(withoutPeriod);
        }
        List<String> dictionary = mapped.stream().distinct().toList();
        int[] codes = new int[labels.size()];
        for (int row = 0; row < codes.length; row++) {
            codes[row] = labels.isMissing(row) ? -1 : dictionary.indexOf(mapped.get(labels.code(row)));
        }
        return test.withColumn(CategoricalColumn.ofCodes(labels.field(), codes, dictionary));
    }

    /** The rows without any missing value, as the published table used. */
    static Frame completeRows(Frame frame) {
        int[] rows = IntStream.range(0, frame.rowCount())
                .filter(row -> frame.columns().stream().noneMatch(c -> c.isMissing(row))).toArray();
        return frame.take(rows);
    }

    /** Trains, evaluates, prints and registers; returns the registered version of the boosted model. */
    static ModelVersion run(Tracker tracker, Run run, Frame train, Frame rawTest, DatasetVersion trainVersion,
            DatasetVersion testVersion) {
        Frame test = mapTestLabels(rawTest, train.categorical(TARGET).dictionary());
        Frame complete = completeRows(test);
        Partition split = Split.holdout(0.8).stratifiedBy(TARGET).seed(42).apply(train);

        Map<String, ClassificationMetrics> official = new LinkedHashMap<>();
        Map<String, ClassificationMetrics> completeOnly = new LinkedHashMap<>();
        Map<String, ClassificationMetrics> stratified = new LinkedHashMap<>();
        ModelBundle boosted = null;
        for (Map.Entry<String, AlgorithmTrainer<?>> model : models().entrySet()) {
            AlgorithmTrainer<?> trainer = model.getValue();
            Training training = Training.with(trainer).listener(ConsoleProgress.toStandardOutput());
            long start = System.nanoTime();
            ModelBundle bundle = training.fit(train, TARGET, preparation(trainer));
            double seconds = (System.nanoTime() - start) / 1e9;
            official.put(model.getKey(), Evaluation.classification(bundle, test));
            completeOnly.put(model.getKey(), Evaluation.classification(bundle, complete));
            ModelBundle onSplit = Training.with(trainer).fit(split.train(), TARGET, preparation(trainer));
            stratified.put(model.getKey(), Evaluation.classification(onSplit, split.test()));
            String key = trainer.algorithm();
            run.logMetric(key + ".trainSeconds", seconds);
            official.get(model.getKey()).asMap().forEach((name, value) -> logIfFinite(run, key + ".test." + name, value));
            logIfFinite(run, key + ".testComplete.error", completeOnly.get(model.getKey()).error());
            logIfFinite(run, key + ".split.accuracy", stratified.get(model.getKey()).accuracy());
            logIfFinite(run, key + ".split.rocAuc", stratified.get(model.getKey()).rocAuc());
            trainer.hyperparameters().forEach((name, value) -> run.logParam(key + "." + name, value));
            if (model.getKey().equals(BOOSTED)) {
                boosted = bundle.withMetrics(official.get(model.getKey()).asMap());
            }
        }
        SlicedEvaluation bySex = SlicedEvaluation.of(boosted, test, "sex");
        SlicedEvaluation byRace = SlicedEvaluation.of(boosted, test, "race");
        run.logMetric("boosted.test.race.accuracyGap", byRace.gap("accuracy"));
        run.logMetric("boosted.test.race.demographicParityDifference", byRace.fairness().demographicParityDifference());
        bySex.slices().forEach((sex, metrics) -> run.logMetric("boosted.test.accuracy." + sex, metrics.accuracy()));
        run.logMetric("boosted.test.demographicParityDifference", bySex.fairness().demographicParityDifference());
        run.logMetric("boosted.test.equalOpportunityDifference", bySex.fairness().equalOpportunityDifference());

        // the bundle, its signature and metrics, the run (which keeps the bundle) and the datasets, in one call
        ModelVersion version = ModelRegistrations.register(tracker.registry(), "adult-income", boosted, run,
                trainVersion, testVersion);
        print(official, completeOnly, stratified, bySex, byRace, version, test.rowCount(), complete.rowCount());
        return version;
    }

    private static void print(Map<String, ClassificationMetrics> official, Map<String, ClassificationMetrics> complete,
            Map<String, ClassificationMetrics> stratified, SlicedEvaluation bySex, SlicedEvaluation byRace,
            ModelVersion version, int testRows,
            int completeRows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Test-set error on the official adult.test split (%,d rows; the published"
                + " figures used the %,d rows without unknowns):%n", testRows, completeRows);
        System.out.printf(Locale.ROOT, "  %-46s %9s %14s %8s%n", "model", "all rows", "complete rows", "ROC AUC");
        official.forEach((name, metrics) -> System.out.printf(Locale.ROOT, "  %-46s %8.2f%% %13.2f%% %8.4f%n",
                "SDK " + name, 100 * metrics.error(), 100 * complete.get(name).error(), metrics.rocAuc()));
        PUBLISHED_ERRORS.forEach((name, error) -> System.out.printf(Locale.ROOT, "  %-46s %9s %13.2f%% %8s%n",
                "published: " + name, "", error, ""));
        System.out.println();
        System.out.println("Stratified 80/20 split of adult.data (seed 42):");
        stratified.forEach((name, metrics) -> System.out.printf(Locale.ROOT,
                "  %-46s accuracy %.4f  ROC AUC %.4f  macro F1 %.4f%n", "SDK " + name, metrics.accuracy(),
                metrics.rocAuc(), metrics.macroF1()));
        System.out.println();
        System.out.println("Gradient-boosted trees on adult.test by sex:");
        bySex.slices().forEach((sex, metrics) -> System.out.printf(Locale.ROOT,
                "  %-8s %,6d rows  accuracy %.4f  recall(>50K) %.4f  selected %.4f%n", sex,
                bySex.fairness().sizes().get(sex), metrics.accuracy(), metrics.of(">50K").recall(),
                bySex.fairness().selectionRates().get(sex)));
        System.out.printf(Locale.ROOT, "  demographic parity difference %.4f (ratio %.4f), equal opportunity difference"
                + " %.4f%n", bySex.fairness().demographicParityDifference(), bySex.fairness().demographicParityRatio(),
                bySex.fairness().equalOpportunityDifference());
        System.out.printf(Locale.ROOT, "  by race: accuracy from %.4f to %.4f (gap %.4f), demographic parity difference"
                + " %.4f, equal opportunity difference %.4f%n", byRace.slices().values().stream()
                        .mapToDouble(ClassificationMetrics::accuracy).min().orElseThrow(),
                byRace.slices().values().stream().mapToDouble(ClassificationMetrics::accuracy).max().orElseThrow(),
                byRace.gap("accuracy"), byRace.fairness().demographicParityDifference(),
                byRace.fairness().equalOpportunityDifference());
        System.out.println();
        System.out.println("Registered the boosted model as " + version.reference() + " (bundle sha256 "
                + version.artifactSha256().substring(0, 12) + "...)");
    }

    private static void logIfFinite(Run run, String name, double value) {
        if (Double.isFinite(value)) {
            run.logMetric(name, value);
        }
    }

    private static Map<String, Double> publishedErrors() {
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.put("FSS Naive Bayes (best listed)", 14.05);
        errors.put("NBTree", 14.10);
        errors.put("C4.5-auto", 14.46);
        errors.put("C4.5", 15.54);
        return errors;
    }
}
