package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.drift.DriftBaseline;
import dev.mlops.core.eval.Calibration;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitoring baseline a bundle carries (format 2), learnt from training and held-out rows. */
class MonitoringBaselineTest {

    private static final Frame IRIS = Iris.frame();

    private static dev.mlops.core.split.Partition parts() {
        return Split.holdout(0.7).stratifiedBy("species").seed(3).apply(IRIS);
    }

    @Test
    void aTrainedBundleCarriesTheBaselineOfItsTrainingInputsOnly() {
        var parts = parts();
        ModelBundle bundle = Training.with(Algorithms.tribuo().xgboost().trees(10)).fit(parts.train(), "species",
                Prep.chain(Prep.standardize()));
        MonitoringBaseline monitoring = bundle.monitoring().orElseThrow();
        assertEquals(DriftBaseline.of(parts.train().drop("species")), monitoring.features());
        assertTrue(monitoring.predictionBaseline().isEmpty(), "no held-out rows yet");
        assertTrue(monitoring.heldOutCalibration().isEmpty());
        assertEquals(0, monitoring.heldOutRows());
    }

    @Test
    void heldOutRowsGiveThePredictionsBaselineAndTheCalibration() {
        var parts = parts();
        ModelBundle bundle = Training.with(Algorithms.tribuo().xgboost().trees(10)).fit(parts.train(), "species",
                Prep.chain(Prep.standardize())).withHeldOut(parts.test());
        MonitoringBaseline monitoring = bundle.monitoring().orElseThrow();
        assertEquals(parts.test().rowCount(), monitoring.heldOutRows());
        assertEquals(dev.mlops.core.eval.Evaluation.metrics(bundle, parts.test()), monitoring.heldOutMetrics());
        List<Prediction> predictions = bundle.predict(parts.test());
        DriftBaseline expected = DriftBaseline.of(MonitoringBaseline.predictionFrame(bundle.signature(), predictions));
        assertEquals(expected, monitoring.predictionBaseline().orElseThrow());
        assertEquals(List.of("prediction", "probability:setosa", "probability:versicolor", "probability:virginica"),
                expected.names());
        Calibration calibration = Calibration.of(bundle, parts.test(), MonitoringBaseline.CALIBRATION_BINS);
        assertEquals(calibration, monitoring.heldOutCalibration().orElseThrow());
        // the calibrator reads the held-out outcomes: its mean chance over the held-out confidences is their accuracy
        double chance = 0;
        long right = 0;
        List<String> actual = java.util.stream.IntStream.range(0, parts.test().rowCount())
                .mapToObj(parts.test().categorical("species")::value).toList();
        for (int i = 0; i < predictions.size(); i++) {
            Prediction.Classification p = (Prediction.Classification) predictions.get(i);
            chance += monitoring.calibrator().apply(p.probability(p.label()));
            right += p.label().equals(actual.get(i)) ? 1 : 0;
        }
        assertEquals(right / (double) predictions.size(), chance / predictions.size(), 1e-12);
    }

    @Test
    void theBaselineSurvivesTheBundleFileAndItsJson() {
        var parts = parts();
        ModelBundle bundle = Training.with(Algorithms.smile().randomForest().trees(5)).fit(parts.train(), "species",
                Prep.chain()).withHeldOut(parts.test());
        ModelBundle loaded = ModelBundle.fromBytes(bundle.toBytes(), "memory");
        assertEquals(bundle.monitoring(), loaded.monitoring());
        MonitoringBaseline monitoring = bundle.monitoring().orElseThrow();
        assertEquals(monitoring, MonitoringBaseline.fromJson(monitoring.toJson()));
        assertTrue(monitoring.toString().contains("predictions on 45 held-out rows"), monitoring.toString());
    }

    @Test
    void aRegressionHasAPredictedValueBaselineAndNoCalibration() {
        Frame numeric = IRIS.drop("species");
        var parts = Split.holdout(0.7).seed(3).apply(numeric);
        ModelBundle bundle = Training.with(Algorithms.smile().randomForestRegression().trees(5)).fit(parts.train(), "petal_width",
                Prep.chain())
                .withHeldOut(parts.test());
        MonitoringBaseline monitoring = bundle.monitoring().orElseThrow();
        assertEquals(List.of("prediction"), monitoring.predictionBaseline().orElseThrow().names());
        assertTrue(monitoring.heldOutCalibration().isEmpty());
    }

    @Test
    void badPartsAreRefused() {
        DriftBaseline none = new DriftBaseline(List.of());
        assertThrows(IllegalArgumentException.class, () -> new MonitoringBaseline(none, null, null, null, 5, null));
        assertThrows(IllegalArgumentException.class, () -> new MonitoringBaseline(none, none, null, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new MonitoringBaseline(none, none,
                Calibration.of(new double[] {0.5}, new boolean[] {true}, 2), null, 1, null));
        assertThrows(DataException.class, () -> MonitoringBaseline.fromJson("{\"features\":null}"));
        assertThrows(DataException.class, () -> MonitoringBaseline.fromJson("{\"features\":{\"columns\":[]},"
                + "\"heldOutRows\":-1}"));
        ModelBundle bundle = Training.with(Algorithms.tribuo().cart()).fit(IRIS, "species", Prep.chain());
        assertThrows(IllegalArgumentException.class, () -> bundle.withHeldOut(IRIS.take(new int[0])));
        assertThrows(IllegalArgumentException.class, () -> bundle.withHeldOut(IRIS.drop("species")));
    }
}
