package dev.mlops.core.bundle;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Model;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.core.drift.DriftBaseline;
import dev.mlops.core.eval.Calibration;
import dev.mlops.core.eval.IsotonicCalibrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment needs to watch a model, carried in its bundle (format 2): the drift baseline of
 * the training inputs and, once the model has been scored on held-out rows
 * ({@link ModelBundle#withHeldOut}), the baseline of its predictions on them, its calibration there
 * (reliability bins and expected calibration error) and an isotonic calibrator of its confidence,
 * which performance estimation uses before any label arrives. Predictions on the training rows
 * would be more confident than any live traffic, so without held-out rows there is no prediction
 * baseline at all rather than a misleading one.
 *
 * @param features    the drift baseline of the inputs, as the training data had them
 * @param predictions the drift baseline of the predictions on held-out rows ({@link #predictionFrame}'s
 *                    columns); null without held-out rows
 * @param calibration the model's calibration on the held-out rows; null without them, or for a
 *                    model without probabilities
 * @param calibrator  its confidence calibrated on the held-out rows; null when {@code calibration} is
 * @param heldOutRows the held-out rows scored; 0 without them
 * @param heldOutMetrics the model's metrics on the held-out rows ({@code Evaluation.metrics}); empty
 *                    without them
 * @since 0.1
 */
public record MonitoringBaseline(DriftBaseline features, DriftBaseline predictions, Calibration calibration,
        IsotonicCalibrator calibrator, long heldOutRows, java.util.Map<String, Double> heldOutMetrics) {

    /** The reliability bins recorded. */
    public static final int CALIBRATION_BINS = 10;
    /** The column of the predicted label or value in {@link #predictionFrame}. */
    public static final String PREDICTION = "prediction";
    /** The prefix of each class's probability column in {@link #predictionFrame}. */
    public static final String PROBABILITY = "probability:";

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the parts do not fit together
     */
    public MonitoringBaseline {
        Objects.requireNonNull(features, "features");
        heldOutMetrics = heldOutMetrics == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(heldOutMetrics));
        if ((calibration == null) != (calibrator == null) || predictions == null && calibration != null
                || heldOutRows < 0 || (predictions == null) != (heldOutRows == 0)) {
            throw new IllegalArgumentException("a monitoring baseline has held-out predictions, calibration and"
                    + " calibrator together, or none of them");
        }
        if (calibration != null && calibration.rows() != heldOutRows) {
            throw new IllegalArgumentException("the calibration covers " + calibration.rows() + " rows, not the "
                    + heldOutRows + " held out");
        }
        if (predictions != null) {
            for (var column : predictions.columns()) {
                if (column.rows() + column.missing() != heldOutRows) {
                    throw new IllegalArgumentException("the predictions' baseline column '" + column.name()
                            + "' covers " + (column.rows() + column.missing()) + " rows, not the " + heldOutRows
                            + " held out");
                }
            }
        }
    }

    /**
     * Why this baseline cannot belong to a model of {@code signature}, or empty when it can: the
     * inputs' baseline must cover exactly the numeric, categorical and boolean inputs, in order, each
     * of its kind; the predictions' baseline must have exactly the columns {@link #predictionFrame}
     * makes for the model, and, for a classifier with probabilities, the calibration with it.
     */
    public Optional<String> mismatch(Signature signature) {
        List<String> expected = new ArrayList<>();
        for (dev.mlops.api.Field field : signature.inputs().fields()) {
            if (field.type() == dev.mlops.api.FieldType.NUMERIC || field.type() == dev.mlops.api.FieldType.CATEGORICAL
                    || field.type() == dev.mlops.api.FieldType.BOOLEAN) {
                expected.add(field.name());
                boolean numeric = field.type() == dev.mlops.api.FieldType.NUMERIC;
                var column = features.column(field.name());
                if (column.isPresent() && column.get().numeric() != numeric) {
                    return Optional.of("the inputs' baseline has '" + field.name() + "' as "
                            + (numeric ? "labels" : "numbers") + ", but it is " + field.type());
                }
            }
        }
        if (!expected.equals(features.names())) {
            return Optional.of("the inputs' baseline covers " + features.names() + ", not the inputs " + expected);
        }
        if (predictions == null) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>(List.of(PREDICTION));
        boolean withProbabilities = predictions.column(PROBABILITY + signature.labels().stream().findFirst()
                .orElse("")).isPresent();
        if (signature.task() == Task.CLASSIFICATION && withProbabilities) {
            signature.labels().forEach(label -> columns.add(PROBABILITY + label));
        }
        if (!columns.equals(predictions.names())) {
            return Optional.of("the predictions' baseline covers " + predictions.names() + ", not " + columns);
        }
        boolean numericPrediction = signature.task() == Task.REGRESSION;
        if (predictions.column(PREDICTION).orElseThrow().numeric() != numericPrediction
                || predictions.columns().stream().skip(1).anyMatch(c -> !c.numeric())) {
            return Optional.of("the predictions' baseline has columns of the wrong kind for a " + signature.task());
        }
        if (withProbabilities != (calibration != null)) {
            return Optional.of(withProbabilities ? "a classifier with probabilities needs its held-out calibration"
                    : "a calibration without probabilities to calibrate");
        }
        return Optional.empty();
    }

    /** The baseline of the inputs of {@code train} that {@code signature} names, without held-out parts. */
    static MonitoringBaseline ofTraining(Signature signature, Frame train) {
        return new MonitoringBaseline(DriftBaseline.of(train.select(signature.inputs().names())), null, null, null, 0,
                java.util.Map.of());
    }

    /**
     * This baseline with the prediction baseline and calibration of {@code model} on {@code heldOut}
     * (its inputs and target).
     */
    MonitoringBaseline withHeldOut(Model model, Frame heldOut) {
        Signature signature = model.signature();
        List<Prediction> predictions = model.predict(heldOut.drop(signature.target()));
        Frame frame = predictionFrame(signature, predictions);
        Calibration calibration = null;
        IsotonicCalibrator calibrator = null;
        if (signature.task() == Task.CLASSIFICATION && probabilistic(predictions)) {
            List<String> actual = dev.mlops.core.eval.Evaluation.actualLabels(heldOut, signature.target());
            double[] confidence = new double[predictions.size()];
            boolean[] correct = new boolean[predictions.size()];
            for (int row = 0; row < confidence.length; row++) {
                Prediction.Classification p = (Prediction.Classification) predictions.get(row);
                confidence[row] = p.probability(p.label());
                correct[row] = p.label().equals(actual.get(row));
            }
            calibration = Calibration.of(confidence, correct, CALIBRATION_BINS);
            calibrator = IsotonicCalibrator.fit(confidence, correct);
        }
        return new MonitoringBaseline(features, DriftBaseline.of(frame), calibration, calibrator, heldOut.rowCount(),
                dev.mlops.core.eval.Evaluation.metrics(model, heldOut));
    }

    private static boolean probabilistic(List<Prediction> predictions) {
        return !predictions.isEmpty() && predictions.get(0) instanceof Prediction.Classification c
                && !c.probabilities().isEmpty();
    }

    /**
     * The predictions as the frame drift is measured on: the predicted label ({@value #PREDICTION},
     * categorical) and each class's probability ({@value #PROBABILITY}{@code <label>}) for a
     * classifier, the predicted value ({@value #PREDICTION}, numeric) for a regression.
     */
    public static Frame predictionFrame(Signature signature, List<Prediction> predictions) {
        List<Column> columns = new ArrayList<>();
        if (signature.task() == Task.REGRESSION) {
            columns.add(NumericColumn.of(PREDICTION, predictions.stream()
                    .mapToDouble(p -> ((Prediction.Regression) p).value()).toArray()));
            return Frame.of(columns.toArray(Column[]::new));
        }
        columns.add(CategoricalColumn.of(PREDICTION, predictions.stream()
                .map(p -> ((Prediction.Classification) p).label()).toArray(String[]::new)));
        if (probabilistic(predictions)) {
            for (String label : signature.labels()) {
                columns.add(NumericColumn.of(PROBABILITY + label, predictions.stream()
                        .mapToDouble(p -> ((Prediction.Classification) p).probability(label)).toArray()));
            }
        }
        return Frame.of(columns.toArray(Column[]::new));
    }

    /** The prediction baseline, once the model was scored on held-out rows. */
    public Optional<DriftBaseline> predictionBaseline() {
        return Optional.ofNullable(predictions);
    }

    /** The calibration on held-out rows, for a classifier with probabilities scored on them. */
    public Optional<Calibration> heldOutCalibration() {
        return Optional.ofNullable(calibration);
    }

    /** The baseline as JSON (as the bundle's {@code monitoring.json} holds it). */
    public String toJson() {
        return dev.mlops.core.internal.StrictJson.write(this);
    }

    /**
     * The baseline a JSON text describes.
     *
     * @throws dev.mlops.api.DataException saying what is wrong, when the text is not a valid baseline
     */
    public static MonitoringBaseline fromJson(String json) {
        return dev.mlops.core.internal.StrictJson.read(json, MonitoringBaseline.class, "monitoring JSON");
    }

    @Override
    public String toString() {
        return "monitoring baseline: " + features.columns().size() + " inputs"
                + (predictions == null ? ", no held-out predictions" : ", predictions on " + heldOutRows
                        + " held-out rows" + (calibration == null ? "" : String.format(java.util.Locale.ROOT,
                                " (expected calibration error %.4f)", calibration.expectedCalibrationError())));
    }
}
