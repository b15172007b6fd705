package dev.mlops.core.eval;

import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Model;
import dev.mlops.api.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How well a classifier's confidence matches how often it is right, from reliability bins of equal
 * width on [0, 1]: a prediction whose confidence (the probability of the label it predicts) is in
 * {@code ((i-1)/B, i/B]} falls in bin {@code i} (a confidence of 0 in the first). The expected
 * calibration error is the mean gap between each bin's accuracy and its mean confidence, weighted by
 * the bin's share of the rows (Guo et al., 2017, top-label); the maximum error is the largest gap of
 * a non-empty bin.
 *
 * @param bins                     every bin, empty ones included, from the lowest
 * @param expectedCalibrationError the weighted mean gap, in [0, 1]
 * @param maxCalibrationError      the largest gap of a non-empty bin, in [0, 1]
 * @param rows                     predictions binned
 * @since 0.1
 */
public record Calibration(List<Bin> bins, double expectedCalibrationError, double maxCalibrationError, long rows) {

    /**
     * One reliability bin.
     *
     * @param lower          its lower bound (excluded, except 0)
     * @param upper          its upper bound (included)
     * @param count          predictions in it
     * @param meanConfidence their mean confidence; NaN when empty
     * @param accuracy       the share of them that were right; NaN when empty
     */
    public record Bin(double lower, double upper, long count, double meanConfidence, double accuracy) {
        /**
         * Checks the bin.
         *
         * @throws IllegalArgumentException if its bounds are not {@code 0 <= lower < upper <= 1}, its count
         *         is negative, or its figures are outside [0, 1] (NaN only when it is empty)
         */
        public Bin {
            if (!(lower >= 0 && lower < upper && upper <= 1) || count < 0) {
                throw new IllegalArgumentException("a reliability bin (" + lower + ", " + upper + "] of " + count
                        + " predictions is not a bin of [0, 1]");
            }
            boolean empty = count == 0;
            if (!inUnit(meanConfidence, empty) || !inUnit(accuracy, empty)) {
                throw new IllegalArgumentException("reliability bin (" + lower + ", " + upper + "]: confidence "
                        + meanConfidence + " and accuracy " + accuracy + " must be in [0, 1]"
                        + (empty ? " or NaN" : ""));
            }
        }

        private static boolean inUnit(double value, boolean nanAllowed) {
            return value >= 0 && value <= 1 || nanAllowed && Double.isNaN(value);
        }
    }

    /** The most bins a calibration takes: more would be empty. */
    public static final int MAX_BINS = 10_000;

    /**
     * Checks and copies the bins.
     *
     * @throws IllegalArgumentException if there are no bins or more than {@value #MAX_BINS}, they do not
     *         count {@code rows} predictions together, or an error is outside [0, 1]
     */
    public Calibration {
        bins = List.copyOf(bins);
        if (bins.isEmpty() || bins.size() > MAX_BINS) {
            throw new IllegalArgumentException("a calibration has 1 to " + MAX_BINS + " bins, not " + bins.size());
        }
        long counted = 0;
        for (Bin bin : bins) {
            counted = Math.addExact(counted, bin.count());
        }
        if (counted != rows || !(expectedCalibrationError >= 0 && expectedCalibrationError <= 1)
                || !(maxCalibrationError >= 0 && maxCalibrationError <= 1)) {
            throw new IllegalArgumentException("a calibration of " + rows + " predictions whose bins count " + counted
                    + ", expected error " + expectedCalibrationError + " and maximum " + maxCalibrationError);
        }
    }

    /**
     * The calibration of {@code model}, a classifier with probabilities, on {@code test} (which holds
     * its inputs and target), in {@code binCount} bins.
     *
     * @throws IllegalArgumentException if the model is not a classifier with probabilities, the target is
     *         absent or missing in a row, the frame has no rows, or {@code binCount} is below 1
     */
    public static Calibration of(Model model, Frame test, int binCount) {
        Objects.requireNonNull(model, "model");
        if (model.signature().task() != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("calibration is defined for classifiers; this model is a regression");
        }
        String target = model.signature().target();
        List<String> actual = Evaluation.actualLabels(test, target);
        List<Prediction> predictions = model.predict(test.drop(target));
        double[] confidence = new double[predictions.size()];
        boolean[] correct = new boolean[predictions.size()];
        for (int row = 0; row < confidence.length; row++) {
            Prediction.Classification p = (Prediction.Classification) predictions.get(row);
            if (p.probabilities().isEmpty()) {
                throw new IllegalArgumentException("the model gives no probabilities, so it has no calibration");
            }
            confidence[row] = p.probability(p.label());
            correct[row] = p.label().equals(actual.get(row));
        }
        return of(confidence, correct, binCount);
    }

    /**
     * The calibration of predictions with {@code confidence} (each in [0, 1]) that were right where
     * {@code correct} says so.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, a confidence is outside
     *         [0, 1], or {@code binCount} is below 1
     */
    public static Calibration of(double[] confidence, boolean[] correct, int binCount) {
        if (binCount < 1 || binCount > MAX_BINS) {
            throw new IllegalArgumentException("calibration needs 1 to " + MAX_BINS + " bins: " + binCount);
        }
        if (confidence.length != correct.length || confidence.length == 0) {
            throw new IllegalArgumentException("calibration needs as many outcomes as confidences, at least one: "
                    + confidence.length + " and " + correct.length);
        }
        long[] count = new long[binCount];
        double[] confidenceSum = new double[binCount];
        long[] right = new long[binCount];
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence " + i + " is " + c + ", not in [0, 1]");
            }
            int bin = bin(c, binCount);
            count[bin]++;
            confidenceSum[bin] += c;
            right[bin] += correct[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>(binCount);
        double expected = 0;
        double max = 0;
        for (int b = 0; b < binCount; b++) {
            double mean = count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b];
            double accuracy = count[b] == 0 ? Double.NaN : right[b] / (double) count[b];
            bins.add(new Bin(b / (double) binCount, (b + 1) / (double) binCount, count[b], mean, accuracy));
            if (count[b] > 0) {
                double gap = Math.abs(accuracy - mean);
                expected += gap * count[b] / confidence.length;
                max = Math.max(max, gap);
            }
        }
        return new Calibration(bins, expected, max, confidence.length);
    }

    /** The bin of confidence {@code c}: the one whose {@code (lower, upper]} holds it, bounds being {@code i / bins}. */
    private static int bin(double c, int bins) {
        int b = Math.max(0, Math.min(bins - 1, (int) Math.ceil(c * bins) - 1));
        if (b > 0 && c <= (double) b / bins) {
            b--; // c * bins rounded up past an edge that c sits on
        } else if (b < bins - 1 && c > (double) (b + 1) / bins) {
            b++;
        }
        return b;
    }

    /** The error figures and the non-empty bins, one line each. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "calibration over %,d predictions: expected error %.4f, max %.4f%n", rows, expectedCalibrationError,
                maxCalibrationError));
        for (Bin bin : bins) {
            if (bin.count() > 0) {
                text.append(String.format(Locale.ROOT, "  (%.2f, %.2f]  %,8d  confidence %.4f  accuracy %.4f%n",
                        bin.lower(), bin.upper(), bin.count(), bin.meanConfidence(), bin.accuracy()));
            }
        }
        return text.toString();
    }
}
