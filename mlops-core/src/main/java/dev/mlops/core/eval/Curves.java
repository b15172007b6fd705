package dev.mlops.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * ROC and precision-recall curves of scores for one positive class, and the areas under them.
 * Rows with equal scores move together (one point per distinct score), so ties never depend on row
 * order. The ROC area is the trapezoidal area (equal to the Mann-Whitney probability with ties
 * counted half); the precision-recall area is average precision, the sum over thresholds of
 * precision times the recall gained (scikit-learn's {@code average_precision_score}), which does not
 * interpolate optimistically.
 */
final class Curves {

    private final double[] fpr;
    private final double[] tpr;
    private final double[] precision;
    private final double[] thresholds;
    private final int positives;
    private final int negatives;

    private Curves(double[] fpr, double[] tpr, double[] precision, double[] thresholds, int positives, int negatives) {
        this.fpr = fpr;
        this.tpr = tpr;
        this.precision = precision;
        this.thresholds = thresholds;
        this.positives = positives;
        this.negatives = negatives;
    }

    /** Curves of {@code scores}, where {@code positive[i]} says whether row i is of the positive class. */
    static Curves of(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int positives = 0;
        for (boolean p : positive) {
            if (p) {
                positives++;
            }
        }
        int negatives = scores.length - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0, 1, Double.POSITIVE_INFINITY});
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; ) {
            double threshold = scores[order[k]];
            while (k < order.length && scores[order[k]] == threshold) {
                if (positive[order[k]]) {
                    tp++;
                } else {
                    fp++;
                }
                k++;
            }
            points.add(new double[] {negatives == 0 ? Double.NaN : (double) fp / negatives,
                    positives == 0 ? Double.NaN : (double) tp / positives, (double) tp / (tp + fp), threshold});
        }
        int n = points.size();
        double[] fpr = new double[n];
        double[] tpr = new double[n];
        double[] precision = new double[n];
        double[] thresholds = new double[n];
        for (int i = 0; i < n; i++) {
            fpr[i] = points.get(i)[0];
            tpr[i] = points.get(i)[1];
            precision[i] = points.get(i)[2];
            thresholds[i] = points.get(i)[3];
        }
        return new Curves(fpr, tpr, precision, thresholds, positives, negatives);
    }

    /** Area under the ROC curve; NaN when only one class is present. */
    double rocAuc() {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double area = 0;
        for (int i = 1; i < fpr.length; i++) {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        }
        return area;
    }

    /** Average precision; NaN when there is no positive row. */
    double averagePrecision() {
        if (positives == 0) {
            return Double.NaN;
        }
        double area = 0;
        for (int i = 1; i < tpr.length; i++) {
            area += (tpr[i] - tpr[i - 1]) * precision[i];
        }
        return area;
    }

    List<CurvePoint> roc() {
        List<CurvePoint> points = new ArrayList<>(fpr.length);
        for (int i = 0; i < fpr.length; i++) {
            points.add(new CurvePoint(fpr[i], tpr[i], thresholds[i]));
        }
        return List.copyOf(points);
    }

    /** Precision-recall points, from the highest threshold down (the starting point has precision 1). */
    List<CurvePoint> precisionRecall() {
        List<CurvePoint> points = new ArrayList<>(tpr.length);
        for (int i = 0; i < tpr.length; i++) {
            points.add(new CurvePoint(tpr[i], precision[i], thresholds[i]));
        }
        return List.copyOf(points);
    }
}
