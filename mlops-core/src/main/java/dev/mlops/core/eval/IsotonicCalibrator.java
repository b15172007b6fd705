package dev.mlops.core.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * The chance that a prediction is right, as a non-decreasing function of its confidence: isotonic
 * regression of the outcome (1 right, 0 wrong) on the confidence, fitted by pooling adjacent
 * violators over the distinct confidences (equal confidences pooled first, weighted by their count),
 * and read between the fitted points by linear interpolation, clipped at both ends. This is what
 * scikit-learn's {@code IsotonicRegression(out_of_bounds="clip")} computes, and what NannyML's
 * confidence-based performance estimation uses to calibrate a model before it trusts its
 * probabilities; {@code isotonic_reference.py} checks it against SciPy.
 *
 * @param confidences the distinct fitted confidences, ascending
 * @param chances     the fitted chance of being right at each, non-decreasing, in [0, 1]
 * @since 0.1
 */
public record IsotonicCalibrator(double[] confidences, double[] chances) {

    /** The most points a calibrator keeps; {@link #fit} thins a finer fit evenly to this many. */
    public static final int MAX_POINTS = 100_000;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if they differ in length or are empty, the confidences are not
     *         strictly ascending in [0, 1], or the chances not non-decreasing in [0, 1]
     */
    public IsotonicCalibrator {
        Objects.requireNonNull(confidences, "confidences");
        Objects.requireNonNull(chances, "chances");
        confidences = confidences.clone();
        chances = chances.clone();
        if (confidences.length == 0 || confidences.length != chances.length || confidences.length > MAX_POINTS) {
            throw new IllegalArgumentException("a calibrator needs as many chances as confidences, 1 to " + MAX_POINTS
                    + ": " + confidences.length + " and " + chances.length);
        }
        for (int i = 0; i < confidences.length; i++) {
            if (!(confidences[i] >= 0 && confidences[i] <= 1) || !(chances[i] >= 0 && chances[i] <= 1)
                    || i > 0 && (confidences[i] <= confidences[i - 1] || chances[i] < chances[i - 1])) {
                throw new IllegalArgumentException("calibrator point " + i + " (" + confidences[i] + ", " + chances[i]
                        + ") breaks the order or leaves [0, 1]");
            }
        }
    }

    /**
     * Fits the calibrator to predictions with {@code confidence} (each in [0, 1]) that were right where
     * {@code correct} says so.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or a confidence is
     *         outside [0, 1]
     */
    public static IsotonicCalibrator fit(double[] confidence, boolean[] correct) {
        if (confidence.length != correct.length || confidence.length == 0) {
            throw new IllegalArgumentException("a calibrator needs as many outcomes as confidences, at least one: "
                    + confidence.length + " and " + correct.length);
        }
        Integer[] order = new Integer[confidence.length];
        for (int i = 0; i < order.length; i++) {
            if (!(confidence[i] >= 0 && confidence[i] <= 1)) {
                throw new IllegalArgumentException("confidence " + i + " is " + confidence[i] + ", not in [0, 1]");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[a], confidence[b]));
        // distinct confidences with their weight and mean outcome
        double[] x = new double[order.length];
        double[] weight = new double[order.length];
        double[] mean = new double[order.length];
        int n = 0;
        for (int i = 0; i < order.length; i++) {
            double c = confidence[order[i]];
            double y = correct[order[i]] ? 1 : 0;
            if (n > 0 && x[n - 1] == c) {
                mean[n - 1] += (y - mean[n - 1]) / ++weight[n - 1];
            } else {
                x[n] = c;
                weight[n] = 1;
                mean[n++] = y;
            }
        }
        // pool adjacent violators: blocks of points, each with its weight and mean
        int[] blockEnd = new int[n];
        double[] blockWeight = new double[n];
        double[] blockMean = new double[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            blockEnd[blocks] = i;
            blockWeight[blocks] = weight[i];
            blockMean[blocks++] = mean[i];
            while (blocks > 1 && blockMean[blocks - 2] > blockMean[blocks - 1]) {
                double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockMean[blocks - 2] = (blockMean[blocks - 2] * blockWeight[blocks - 2]
                        + blockMean[blocks - 1] * blockWeight[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blockEnd[blocks - 2] = blockEnd[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[n];
        for (int b = 0, start = 0; b < blocks; start = blockEnd[b++] + 1) {
            Arrays.fill(fitted, start, blockEnd[b] + 1, Math.min(1, Math.max(0, blockMean[b])));
        }
        // inside a flat stretch, only its ends matter to the interpolation
        double[] keptX = new double[n];
        double[] keptY = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || i == n - 1 || fitted[i] != fitted[i - 1] || fitted[i] != fitted[i + 1]) {
                keptX[kept] = x[i];
                keptY[kept++] = fitted[i];
            }
        }
        if (kept > MAX_POINTS) { // evenly thinned, both ends kept: still non-decreasing
            double step = (kept - 1) / (double) (MAX_POINTS - 1);
            double[] thinX = new double[MAX_POINTS];
            double[] thinY = new double[MAX_POINTS];
            for (int i = 0; i < MAX_POINTS; i++) {
                int at = (int) Math.round(i * step);
                thinX[i] = keptX[at];
                thinY[i] = keptY[at];
            }
            return new IsotonicCalibrator(thinX, thinY);
        }
        return new IsotonicCalibrator(Arrays.copyOf(keptX, kept), Arrays.copyOf(keptY, kept));
    }

    /** The fitted chance of being right at {@code confidence}: interpolated, clipped outside the fitted range. */
    public double apply(double confidence) {
        if (!(confidence > confidences[0])) {
            return chances[0]; // NaN included: the lowest chance, never a NaN estimate
        }
        int last = confidences.length - 1;
        if (confidence >= confidences[last]) {
            return chances[last];
        }
        int at = Arrays.binarySearch(confidences, confidence);
        if (at >= 0) {
            return chances[at];
        }
        int high = -at - 1;
        int low = high - 1;
        double t = (confidence - confidences[low]) / (confidences[high] - confidences[low]);
        return chances[low] + t * (chances[high] - chances[low]);
    }

    @Override
    public double[] confidences() {
        return confidences.clone();
    }

    @Override
    public double[] chances() {
        return chances.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicCalibrator other && Arrays.equals(confidences, other.confidences)
                && Arrays.equals(chances, other.chances);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(confidences) + Arrays.hashCode(chances);
    }

    @Override
    public String toString() {
        return "IsotonicCalibrator[" + confidences.length + " points]";
    }
}
