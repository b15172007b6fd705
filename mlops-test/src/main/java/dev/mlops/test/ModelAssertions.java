package dev.mlops.test;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Model;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.eval.Calibration;
import dev.mlops.core.eval.Evaluation;
import dev.mlops.core.eval.SlicedEvaluation;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.ModelRegistrations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions that hold a model to account in an application's own tests. Each failure reads as
 * the property that broke, with the figures and (for behaviour) the first rows that broke it.
 * Behavioural checks follow CheckList (Ribeiro et al., 2020): <em>invariance</em> (changing a
 * feature that must not matter leaves the prediction alone), <em>direction</em> (raising a feature
 * moves the score the expected way, never the other), <em>minimum functionality</em> (a fixed set of
 * golden rows is predicted right).
 *
 * <pre>{@code
 * assertMetricAtLeast(model, test, "accuracy", 0.84);
 * assertNoWorseThanChampion(model, registry, "income@champion", test, "accuracy", 0.005);
 * assertInvariant(model, test, "fnlwgt", value -> ((Double) value) * 2);
 * assertDirection(model, test, "capital-gain", 10_000, ">50K", Direction.UP);
 * assertSlicesAtLeast(model, test, "sex", "accuracy", 0.8);
 * assertCalibrated(model, test, 0.05);
 * }</pre>
 *
 * @since 0.1
 */
public final class ModelAssertions {

    /** How many failing rows a message shows. */
    private static final int SHOWN = 5;

    /** Which way a score must move. */
    public enum Direction {
        /** Up (or not at all). */
        UP,
        /** Down (or not at all). */
        DOWN
    }

    private ModelAssertions() {
    }

    /**
     * {@code metric} of {@code model} on {@code test} is at least {@code floor} (for a metric where
     * smaller is better, such as {@code error} or {@code rmse}, at most {@code floor}).
     */
    public static void assertMetricAtLeast(Model model, Frame test, String metric, double floor) {
        requireNumber(floor, "floor");
        double value = metric(Evaluation.metrics(model, test), metric);
        boolean smaller = Gates.SMALLER_IS_BETTER.contains(metric);
        if (Double.isNaN(value) || (smaller ? value > floor : value < floor)) {
            throw new AssertionFailedError(String.format(Locale.ROOT, "%s should be %s %s on %,d rows, but is %s",
                    metric, smaller ? "at most" : "at least", floor, test.rowCount(), value), floor, value);
        }
    }

    /**
     * {@code model} is no worse on {@code test} than the version {@code championReference} names
     * ({@code name@alias} or {@code name/3}), by more than {@code margin} of {@code metric}.
     */
    public static void assertNoWorseThanChampion(Model model, ModelRegistry registry, String championReference,
            Frame test, String metric, double margin) {
        requireNumber(margin, "margin");
        ModelBundle champion = ModelRegistrations.load(registry, championReference);
        double mine = metric(Evaluation.metrics(model, test), metric);
        double theirs = metric(Evaluation.metrics(champion, test), metric);
        boolean smaller = Gates.SMALLER_IS_BETTER.contains(metric);
        boolean worse = Double.isNaN(mine) || Double.isNaN(theirs) || (smaller ? mine > theirs + margin : mine < theirs - margin);
        if (worse) {
            throw new AssertionFailedError(String.format(Locale.ROOT,
                    "%s should be no worse than the champion %s by more than %s, but is %s against %s", metric,
                    championReference, margin, mine, theirs), theirs, mine);
        }
    }

    /**
     * Invariance: changing {@code feature} of every row of {@code rows} with {@code change} leaves
     * the predicted label (or, for a regression, the value, within 1e-9 relative) as it was.
     */
    public static void assertInvariant(Model model, Frame rows, String feature, UnaryOperator<Object> change) {
        requireRows(rows);
        requireInput(model, feature);
        List<String> broken = new ArrayList<>();
        int count = 0;
        for (int row = 0; row < rows.rowCount(); row++) {
            Features original = inputs(model, rows, row);
            Features changed = with(original, feature, change.apply(original.asMap().get(feature)));
            Prediction before = model.predict(original);
            Prediction after = model.predict(changed);
            if (!same(before, after)) {
                count++;
                if (broken.size() < SHOWN) {
                    broken.add("row " + row + ": " + shown(before) + " -> " + shown(after) + " when " + feature + " "
                            + original.asMap().get(feature) + " -> " + changed.asMap().get(feature));
                }
            }
        }
        if (count > 0) {
            throw new AssertionFailedError(String.format(Locale.ROOT,
                    "invariance to '%s' broke: the prediction changed for %,d of %,d rows; %s", feature, count,
                    rows.rowCount(), String.join("; ", broken)));
        }
    }

    /**
     * Direction: raising the numeric {@code feature} of every row of {@code rows} by {@code delta}
     * moves the score (the probability of {@code label}, or for a regression the value, with
     * {@code label} null) the way {@code direction} says, or leaves it; never the other way by more
     * than 1e-9.
     */
    public static void assertDirection(Model model, Frame rows, String feature, double delta, String label,
            Direction direction) {
        Objects.requireNonNull(direction, "direction");
        requireRows(rows);
        requireNumber(delta, "delta");
        requireInput(model, feature);
        if (model.signature().inputs().require(feature).type() != dev.mlops.api.FieldType.NUMERIC) {
            throw new IllegalArgumentException("'" + feature + "' is " + model.signature().inputs().require(feature).type()
                    + "; a direction is checked by raising a numeric input");
        }
        if (model.signature().task() == dev.mlops.api.model.Task.CLASSIFICATION) {
            if (label == null || !model.signature().labels().contains(label)) {
                throw new IllegalArgumentException("a classifier's direction names one of its classes "
                        + model.signature().labels() + ", not " + label);
            }
        }
        List<String> broken = new ArrayList<>();
        int count = 0;
        for (int row = 0; row < rows.rowCount(); row++) {
            Features original = inputs(model, rows, row);
            Object value = original.asMap().get(feature);
            if (!(value instanceof Number number)) {
                continue; // a missing value has no "higher"
            }
            Features raised = with(original, feature, number.doubleValue() + delta);
            double before = score(model.predict(original), label);
            double after = score(model.predict(raised), label);
            boolean wrongWay = direction == Direction.UP ? after < before - 1e-9 : after > before + 1e-9;
            if (wrongWay) {
                count++;
                if (broken.size() < SHOWN) {
                    broken.add(String.format(Locale.ROOT, "row %d: %.6f -> %.6f when %s %s -> %s", row, before,
                            after, feature, value, number.doubleValue() + delta));
                }
            }
        }
        if (count > 0) {
            throw new AssertionFailedError(String.format(Locale.ROOT,
                    "direction broke: raising '%s' by %s should move %s %s, but it moved the other way for %,d of %,d"
                            + " rows; %s", feature, delta, label == null ? "the value" : "P(" + label + ")",
                    direction == Direction.UP ? "up" : "down", count, rows.rowCount(), String.join("; ", broken)));
        }
    }

    /**
     * Minimum functionality: each golden row is predicted as expected (a label, or a value within
     * {@code tolerance}).
     */
    public static void assertGolden(Model model, Map<Features, ?> expected, double tolerance) {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<Features, ?> golden : expected.entrySet()) {
            Prediction p = model.predict(golden.getKey());
            Object expectedValue = golden.getValue();
            if (expectedValue == null || p instanceof Prediction.Regression && !(expectedValue instanceof Number)) {
                throw new IllegalArgumentException("a golden row expects a " + (p instanceof Prediction.Regression
                        ? "number" : "label") + ", not " + expectedValue + " (for " + golden.getKey() + ")");
            }
            boolean right = p instanceof Prediction.Classification c ? c.label().equals(String.valueOf(expectedValue))
                    : Math.abs(((Prediction.Regression) p).value() - ((Number) expectedValue).doubleValue())
                            <= tolerance;
            if (!right) {
                broken.add(golden.getKey() + " should be " + golden.getValue() + " but is " + shown(p));
            }
        }
        if (!broken.isEmpty()) {
            throw new AssertionFailedError(String.format(Locale.ROOT, "minimum functionality broke for %d of %d"
                    + " golden rows: %s", broken.size(), expected.size(),
                    String.join("; ", broken.subList(0, Math.min(SHOWN, broken.size())))));
        }
    }

    /** Every slice of {@code test} by {@code sliceColumn} has {@code metric} at least {@code floor}. */
    public static void assertSlicesAtLeast(Model model, Frame test, String sliceColumn, String metric, double floor) {
        requireNumber(floor, "floor");
        SlicedEvaluation sliced = SlicedEvaluation.of(model, test, sliceColumn);
        boolean smaller = Gates.SMALLER_IS_BETTER.contains(metric);
        Map<String, Double> below = new LinkedHashMap<>();
        sliced.slices().forEach((slice, metrics) -> {
            double value = metric(metrics.asMap(), metric);
            if (Double.isNaN(value) || (smaller ? value > floor : value < floor)) {
                below.put(slice, value);
            }
        });
        if (!below.isEmpty()) {
            throw new AssertionFailedError(String.format(Locale.ROOT, "%s should be %s %s in every slice of '%s', but"
                    + " is not in %s", metric, smaller ? "at most" : "at least", floor, sliceColumn, below));
        }
    }

    /** The expected calibration error of {@code model} on {@code test} (10 bins) is at most {@code maxError}. */
    public static void assertCalibrated(Model model, Frame test, double maxError) {
        Calibration calibration = Calibration.of(model, test, 10);
        if (!(calibration.expectedCalibrationError() <= maxError)) {
            throw new AssertionFailedError(String.format(Locale.ROOT, "the expected calibration error should be at"
                    + " most %s, but is %.4f; %s", maxError, calibration.expectedCalibrationError(), calibration),
                    maxError, calibration.expectedCalibrationError());
        }
    }

    /** {@code bundle} written to bytes and read back predicts every row of {@code rows} exactly as before. */
    public static void assertRoundTrip(ModelBundle bundle, Frame rows) {
        requireRows(rows);
        ModelBundle loaded = ModelBundle.fromBytes(bundle.toBytes(), "round trip");
        Frame inputs = rows.select(bundle.signature().inputs().names());
        List<Prediction> before = bundle.predict(inputs);
        List<Prediction> after = loaded.predict(inputs);
        for (int row = 0; row < before.size(); row++) {
            if (!before.get(row).equals(after.get(row))) {
                throw new AssertionFailedError("the bundle read back predicts row " + row + " differently: "
                        + before.get(row) + " before, " + after.get(row) + " after", before.get(row), after.get(row));
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static void requireRows(Frame rows) {
        if (rows.rowCount() == 0) {
            throw new IllegalArgumentException("no rows: a property cannot be shown to hold on nothing");
        }
    }

    private static void requireNumber(double value, String what) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("the " + what + " is NaN: nothing passes or fails against it");
        }
    }

    private static void requireInput(Model model, String feature) {
        if (!model.signature().inputs().contains(feature)) {
            throw new IllegalArgumentException("'" + feature + "' is not an input of the model; inputs are "
                    + model.signature().inputs().names());
        }
    }

    private static double metric(Map<String, Double> metrics, String metric) {
        Double value = metrics.get(metric);
        if (value == null) {
            throw new AssertionFailedError("there is no metric '" + metric + "'; there are " + metrics.keySet());
        }
        return value;
    }

    /** Row {@code row} of {@code rows}, only the model's inputs. */
    private static Features inputs(Model model, Frame rows, int row) {
        Features all = rows.row(row);
        Features.Builder kept = Features.builder();
        for (String name : model.signature().inputs().names()) {
            kept.set(name, all.asMap().get(name));
        }
        return kept.build();
    }

    private static Features with(Features row, String feature, Object value) {
        if (!row.asMap().containsKey(feature)) {
            throw new AssertionFailedError("'" + feature + "' is not an input of the model; inputs are "
                    + row.asMap().keySet());
        }
        return row.toBuilder().set(feature, value).build();
    }

    private static boolean same(Prediction a, Prediction b) {
        if (a instanceof Prediction.Classification x && b instanceof Prediction.Classification y) {
            return x.label().equals(y.label());
        }
        double u = ((Prediction.Regression) a).value();
        double v = ((Prediction.Regression) b).value();
        return Math.abs(u - v) <= 1e-9 * Math.max(1, Math.max(Math.abs(u), Math.abs(v)));
    }

    private static double score(Prediction p, String label) {
        if (p instanceof Prediction.Classification c) {
            if (c.probabilities().isEmpty()) {
                throw new IllegalArgumentException("the classifier gives no probabilities, so no score can move");
            }
            return c.probability(label);
        }
        return ((Prediction.Regression) p).value();
    }

    private static String shown(Prediction p) {
        return p instanceof Prediction.Classification c ? c.label()
                : String.format(Locale.ROOT, "%.6f", ((Prediction.Regression) p).value());
    }
}
