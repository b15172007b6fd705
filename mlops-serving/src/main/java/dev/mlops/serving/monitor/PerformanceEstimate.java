package dev.mlops.serving.monitor;

import java.util.Locale;

/**
 * A classifier's accuracy in one window, estimated before any label arrives from its confidence
 * calibrated on held-out rows (confidence-based performance estimation, as NannyML's CBPE): the
 * expected share of right answers is the mean calibrated chance of each answer being right; for two
 * classes, the expected confusion matrix gives the F1 of the positive (second) class. The estimate
 * holds only while the model's confidence means on live data what it meant on the held-out rows:
 * {@link #trusted()} is false, with the reason, when the held-out rows were few, the model was badly
 * calibrated there, or the window's confidences fall where the held-out rows had almost none.
 *
 * @param accuracy         the estimated accuracy
 * @param f1               the estimated F1 of the positive class; NaN for more than two classes
 * @param heldOutAccuracy  the accuracy measured on the held-out rows
 * @param heldOutF1        the F1 measured on the held-out rows; NaN for more than two classes
 * @param trusted          whether the estimate can be relied on
 * @param reason           why not, or empty
 * @since 0.1
 */
public record PerformanceEstimate(double accuracy, double f1, double heldOutAccuracy, double heldOutF1,
        boolean trusted, String reason) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "estimated accuracy %.4f (held-out %.4f)%s%s", accuracy, heldOutAccuracy,
                Double.isNaN(f1) ? "" : String.format(Locale.ROOT, ", F1 %.4f (held-out %.4f)", f1, heldOutF1),
                trusted ? "" : "; not trusted: " + reason);
    }
}
