package dev.mlops.serving.monitor;

import dev.mlops.core.bundle.MonitoringBaseline;
import dev.mlops.core.eval.Calibration;
import dev.mlops.core.eval.IsotonicCalibrator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Confidence-based performance estimation for one window (see {@link PerformanceEstimate}). */
final class Estimates {

    /** Fewer held-out rows than this make an estimate untrustworthy. */
    static final long FEW_HELD_OUT_ROWS = 200;
    /** A reliability bin with fewer held-out rows than this says little of its confidences. */
    static final long SPARSE_BIN_ROWS = 20;
    /** The share of a window's rows allowed in sparse bins before its estimate is untrustworthy. */
    static final double SPARSE_SHARE = 0.1;

    private Estimates() {
    }

    /**
     * The estimate for a window whose answers were {@code predicted} with each class's probability in
     * {@code probabilities[class][row]}.
     */
    static PerformanceEstimate of(MonitoringBaseline baseline, List<String> labels, String[] predicted,
            double[][] probabilities) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            index.put(labels.get(k), k);
        }
        IsotonicCalibrator calibrator = baseline.calibrator();
        Calibration calibration = baseline.calibration();
        boolean binary = labels.size() == 2;
        String positive = binary ? labels.get(1) : null;
        double chances = 0;
        double truePositive = 0;
        double falsePositive = 0;
        double falseNegative = 0;
        long sparse = 0;
        for (int row = 0; row < predicted.length; row++) {
            Integer k = predicted[row] == null ? null : index.get(predicted[row]);
            double confidence = k == null ? Double.NaN : probabilities[k][row];
            double chance = calibrator.apply(confidence);
            chances += chance;
            if (binary) {
                if (positive.equals(predicted[row])) {
                    truePositive += chance;
                    falsePositive += 1 - chance;
                } else {
                    falseNegative += 1 - chance;
                }
            }
            if (!(confidence >= 0 && confidence <= 1) || heldOutRowsNear(calibration, confidence) < SPARSE_BIN_ROWS) {
                sparse++;
            }
        }
        int n = predicted.length;
        double accuracy = chances / n;
        double f1 = binary ? 2 * truePositive / (2 * truePositive + falsePositive + falseNegative) : Double.NaN;
        Map<String, Double> heldOut = baseline.heldOutMetrics();
        double heldOutAccuracy = heldOut.getOrDefault("accuracy", Double.NaN);
        double heldOutF1 = binary ? heldOut.getOrDefault("f1." + positive, Double.NaN) : Double.NaN;
        String reason = "";
        if (baseline.heldOutRows() < FEW_HELD_OUT_ROWS) {
            reason = "the model was calibrated on only " + baseline.heldOutRows() + " held-out rows";
        } else if (sparse > SPARSE_SHARE * n) {
            reason = String.format(Locale.ROOT, "%.0f%% of this window's confidences fall where the held-out rows had"
                    + " fewer than %d", 100.0 * sparse / n, SPARSE_BIN_ROWS);
        }
        return new PerformanceEstimate(accuracy, f1, heldOutAccuracy, heldOutF1, reason.isEmpty(), reason);
    }

    /** The held-out rows in the reliability bin of {@code confidence}. */
    private static long heldOutRowsNear(Calibration calibration, double confidence) {
        for (Calibration.Bin bin : calibration.bins()) {
            if (confidence <= bin.upper() && (confidence > bin.lower() || bin.lower() == 0)) {
                return bin.count();
            }
        }
        return 0;
    }
}
