package dev.mlops.core.eval;

/**
 * One point of a ROC curve ({@code x} = false positive rate, {@code y} = true positive rate) or a
 * precision-recall curve ({@code x} = recall, {@code y} = precision), reached by predicting positive
 * when the score is at least {@code threshold}.
 *
 * @param x         the horizontal coordinate
 * @param y         the vertical coordinate
 * @param threshold the score threshold; positive infinity for the curve's starting point
 * @since 0.1
 */
public record CurvePoint(double x, double y, double threshold) {
}
