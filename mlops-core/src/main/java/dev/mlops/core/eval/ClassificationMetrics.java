package dev.mlops.core.eval;

import dev.mlops.api.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Classification metrics of predictions against actual labels.
 *
 * <ul>
 *   <li>accuracy; per class precision, recall, F1 and support, with macro and support-weighted
 *       averages (a zero denominator gives 0);</li>
 *   <li>log loss, the mean of {@code -ln p(actual)} with probabilities clipped to
 *       [1e-15, 1 - 1e-15]; NaN when the model gives no probabilities;</li>
 *   <li>ROC AUC and PR AUC (average precision): for two classes, of the positive class; for more,
 *       the unweighted mean over classes, each against the rest (classes absent from the actual
 *       labels are left out of the mean). Scores are the predicted probabilities, or for a model
 *       without probabilities the 0/1 indicator of the predicted label;</li>
 *   <li>the confusion matrix and the ROC and precision-recall curve points, for plots.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class ClassificationMetrics {

    private static final double CLIP = 1e-15;

    private final List<String> labels;
    private final String positive;
    private final int rows;
    private final double accuracy;
    private final List<ClassMetrics> classes;
    private final ConfusionMatrix confusion;
    private final double logLoss;
    private final Map<String, Curves> curves;

    private ClassificationMetrics(List<String> labels, String positive, int rows, double accuracy,
            List<ClassMetrics> classes, ConfusionMatrix confusion, double logLoss, Map<String, Curves> curves) {
        this.labels = labels;
        this.positive = positive;
        this.rows = rows;
        this.accuracy = accuracy;
        this.classes = classes;
        this.confusion = confusion;
        this.logLoss = logLoss;
        this.curves = curves;
    }

    /**
     * Metrics of {@code predicted} against {@code actual}, for a model with classes {@code labels};
     * for two classes the positive class is the second label.
     *
     * @throws IllegalArgumentException if the lists differ in length, are empty, or an actual or
     *         predicted label is not among {@code labels} (map test labels first: Adult's test file
     *         writes {@code >50K.} with a period)
     */
    public static ClassificationMetrics of(List<String> labels, List<String> actual, List<Prediction> predicted) {
        return of(labels, labels.size() == 2 ? labels.get(1) : null, actual, predicted);
    }

    /**
     * As {@link #of(List, List, List)}, with {@code positive} as the positive class of a binary task.
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty, there are fewer than two
     *         labels, or the positive class or a predicted label is not among them
     */
    public static ClassificationMetrics of(List<String> labels, String positive, List<String> actual,
            List<Prediction> predicted) {
        Objects.requireNonNull(labels, "labels");
        if (actual.size() != predicted.size()) {
            throw new IllegalArgumentException(actual.size() + " actual labels but " + predicted.size() + " predictions");
        }
        if (actual.isEmpty()) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
        if (labels.size() < 2 || new LinkedHashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("labels must be at least two distinct classes: " + labels);
        }
        if (positive != null && !labels.contains(positive)) {
            throw new IllegalArgumentException("positive class '" + positive + "' is not among " + labels);
        }
        int k = labels.size();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            index.put(labels.get(i), i);
        }
        requireKnown("actual", actual, index.keySet());
        int n = actual.size();
        int[][] counts = new int[k][k];
        double[][] scores = new double[k][n];
        boolean probabilistic = true;
        double loss = 0;
        int correct = 0;
        Set<String> unknownPredicted = new LinkedHashSet<>();
        for (int row = 0; row < n; row++) {
            Prediction.Classification p = (Prediction.Classification) Objects.requireNonNull(predicted.get(row),
                    "prediction " + row);
            Integer predictedIndex = index.get(p.label());
            if (predictedIndex == null) {
                unknownPredicted.add(p.label());
                continue;
            }
            int actualIndex = index.get(actual.get(row));
            counts[actualIndex][predictedIndex]++;
            if (actualIndex == predictedIndex) {
                correct++;
            }
            if (p.probabilities().isEmpty()) {
                probabilistic = false;
                scores[predictedIndex][row] = 1;
            } else {
                for (int c = 0; c < k; c++) {
                    scores[c][row] = p.probability(labels.get(c));
                }
                double pTrue = Math.min(1 - CLIP, Math.max(CLIP, p.probability(actual.get(row))));
                loss -= Math.log(pTrue);
            }
        }
        if (!unknownPredicted.isEmpty()) {
            throw new IllegalArgumentException("predicted labels " + unknownPredicted + " are not among " + labels);
        }
        List<ClassMetrics> classes = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int tp = counts[c][c];
            int predictedPositive = 0;
            int support = 0;
            for (int other = 0; other < k; other++) {
                predictedPositive += counts[other][c];
                support += counts[c][other];
            }
            double precision = ratio(tp, predictedPositive);
            double recall = ratio(tp, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes.add(new ClassMetrics(labels.get(c), precision, recall, f1, support));
        }
        Map<String, Curves> curves = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            boolean[] isClass = new boolean[n];
            for (int row = 0; row < n; row++) {
                isClass[row] = index.get(actual.get(row)) == c;
            }
            curves.put(labels.get(c), Curves.of(scores[c], isClass));
        }
        return new ClassificationMetrics(List.copyOf(labels), positive, n, (double) correct / n, List.copyOf(classes),
                new ConfusionMatrix(labels, counts), probabilistic ? loss / n : Double.NaN, curves);
    }

    /** The classes, in the model's order. */
    public List<String> labels() {
        return labels;
    }

    /** The positive class of a binary task; null for more than two classes. */
    public String positiveLabel() {
        return positive;
    }

    /** Rows evaluated. */
    public int rows() {
        return rows;
    }

    /** The share of rows predicted right. */
    public double accuracy() {
        return accuracy;
    }

    /** One minus accuracy. */
    public double error() {
        return 1 - accuracy;
    }

    /** Precision, recall, F1 and support per class, in label order. */
    public List<ClassMetrics> classes() {
        return classes;
    }

    /**
     * The metrics of one class.
     *
     * @throws IllegalArgumentException if {@code label} is not one of the classes
     */
    public ClassMetrics of(String label) {
        return classes.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("'" + label + "' is not a class; classes are " + labels));
    }

    /** Unweighted mean of the per-class precisions. */
    public double macroPrecision() {
        return classes.stream().mapToDouble(ClassMetrics::precision).average().orElseThrow();
    }

    /** Unweighted mean of the per-class recalls. */
    public double macroRecall() {
        return classes.stream().mapToDouble(ClassMetrics::recall).average().orElseThrow();
    }

    /** Unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        return classes.stream().mapToDouble(ClassMetrics::f1).average().orElseThrow();
    }

    /** Support-weighted mean of the per-class precisions. */
    public double weightedPrecision() {
        return weighted(ClassMetrics::precision);
    }

    /** Support-weighted mean of the per-class recalls (equal to accuracy). */
    public double weightedRecall() {
        return weighted(ClassMetrics::recall);
    }

    /** Support-weighted mean of the per-class F1 scores. */
    public double weightedF1() {
        return weighted(ClassMetrics::f1);
    }

    /** Mean negative log-likelihood of the actual class; NaN without probabilities. */
    public double logLoss() {
        return logLoss;
    }

    /** ROC AUC: of the positive class for two classes, else the one-vs-rest macro mean. */
    public double rocAuc() {
        if (positive != null) {
            return curves.get(positive).rocAuc();
        }
        return curves.values().stream().mapToDouble(Curves::rocAuc).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    /** Average precision: of the positive class for two classes, else the one-vs-rest macro mean. */
    public double prAuc() {
        if (positive != null) {
            return curves.get(positive).averagePrecision();
        }
        return curves.values().stream().mapToDouble(Curves::averagePrecision).filter(v -> !Double.isNaN(v))
                .average().orElse(Double.NaN);
    }

    /**
     * The ROC AUC of {@code label} against the rest.
     *
     * @throws IllegalArgumentException if {@code label} is not one of the classes
     */
    public double rocAuc(String label) {
        return curve(label).rocAuc();
    }

    /** The confusion matrix. */
    public ConfusionMatrix confusion() {
        return confusion;
    }

    /**
     * ROC curve points of {@code label} against the rest.
     *
     * @throws IllegalArgumentException if {@code label} is not one of the classes
     */
    public List<CurvePoint> rocCurve(String label) {
        return curve(label).roc();
    }

    /**
     * Precision-recall curve points of {@code label} against the rest.
     *
     * @throws IllegalArgumentException if {@code label} is not one of the classes
     */
    public List<CurvePoint> precisionRecallCurve(String label) {
        return curve(label).precisionRecall();
    }

    /**
     * The headline figures by name, for tracking: accuracy, error, macro and weighted precision,
     * recall and F1, log loss, ROC AUC and PR AUC, then precision, recall and F1 per class.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("accuracy", accuracy);
        map.put("error", error());
        map.put("macroPrecision", macroPrecision());
        map.put("macroRecall", macroRecall());
        map.put("macroF1", macroF1());
        map.put("weightedPrecision", weightedPrecision());
        map.put("weightedRecall", weightedRecall());
        map.put("weightedF1", weightedF1());
        map.put("logLoss", logLoss);
        map.put("rocAuc", rocAuc());
        map.put("prAuc", prAuc());
        for (ClassMetrics c : classes) {
            map.put("precision." + c.label(), c.precision());
            map.put("recall." + c.label(), c.recall());
            map.put("f1." + c.label(), c.f1());
        }
        return map;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "accuracy %.4f, macro F1 %.4f, ROC AUC %.4f, log loss %.4f (%d rows)",
                accuracy, macroF1(), rocAuc(), logLoss, rows);
    }

    private Curves curve(String label) {
        Curves curve = curves.get(label);
        if (curve == null) {
            throw new IllegalArgumentException("'" + label + "' is not a class; classes are " + labels);
        }
        return curve;
    }

    private double weighted(java.util.function.ToDoubleFunction<ClassMetrics> metric) {
        double sum = 0;
        int total = 0;
        for (ClassMetrics c : classes) {
            sum += metric.applyAsDouble(c) * c.support();
            total += c.support();
        }
        return sum / total;
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    private static void requireKnown(String what, List<String> values, Set<String> known) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                throw new IllegalArgumentException(what + " labels hold a missing value; drop those rows first");
            }
            if (!known.contains(value)) {
                unknown.add(value);
                if (unknown.size() == 5) {
                    break;
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(what + " labels " + unknown + " are not among the model's classes "
                    + known + "; map them first (is a label spelled differently, such as Adult's '>50K.'?)");
        }
    }
}
