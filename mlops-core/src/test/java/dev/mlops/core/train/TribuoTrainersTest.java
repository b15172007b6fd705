package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Task;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TribuoTrainersTest {

    private static final Frame IRIS = Iris.frame();

    static Stream<AlgorithmTrainer<?>> classifiers() {
        Algorithms.Tribuo tribuo = Algorithms.tribuo();
        return Stream.of(tribuo.logisticRegression(), tribuo.linearSgd(), tribuo.cart().maxDepth(5),
                tribuo.randomForest().trees(20), tribuo.xgboost().trees(30));
    }

    static Stream<AlgorithmTrainer<?>> regressors() {
        Algorithms.Tribuo tribuo = Algorithms.tribuo();
        return Stream.of(tribuo.linearRegression(), tribuo.elasticNet().alpha(0.01), tribuo.cartRegression().maxDepth(5),
                tribuo.randomForestRegression().trees(20));
    }

    @ParameterizedTest
    @MethodSource("classifiers")
    void everyClassifierLearnsIrisAndIsDeterministic(AlgorithmTrainer<?> trainer) {
        ModelBundle bundle = Training.with(trainer).fit(IRIS, "species", Prep.chain(Prep.standardize()));
        List<Prediction> predictions = bundle.predict(IRIS);
        assertTrue(accuracy(predictions) > 0.9, trainer + " accuracy " + accuracy(predictions));
        assertEquals(List.of("setosa", "versicolor", "virginica"), bundle.signature().labels());
        assertEquals(Task.CLASSIFICATION, bundle.signature().task());
        assertEquals(trainer.algorithm(), bundle.metadata().algorithm());
        assertEquals(IRIS.fingerprint().sha256(), bundle.metadata().dataset());

        ModelBundle again = Training.with(trainer).fit(IRIS, "species", Prep.chain(Prep.standardize()));
        assertEquals(predictions, again.predict(IRIS), "the same seed gives the same model");
    }

    @ParameterizedTest
    @MethodSource("regressors")
    void everyRegressorFitsPetalWidth(AlgorithmTrainer<?> trainer) {
        Frame data = IRIS.drop("species");
        ModelBundle bundle = Training.with(trainer).fit(data, "petal_width", Prep.chain(Prep.standardize()));
        double[] actual = data.numeric("petal_width").toArray();
        List<Prediction> predictions = bundle.predict(data);
        double mean = java.util.Arrays.stream(actual).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            double predicted = ((Prediction.Regression) predictions.get(i)).value();
            residual += (actual[i] - predicted) * (actual[i] - predicted);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        double r2 = 1 - residual / total;
        assertTrue(r2 > 0.85, trainer + " R2 " + r2);
        assertTrue(bundle.signature().labels().isEmpty());
    }

    @Test
    void probabilitiesAreGivenWhereTheBackendHasThemAndSumToOne() {
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression()).fit(IRIS, "species",
                Prep.chain(Prep.standardize()));
        assertTrue(bundle.model().probabilistic());
        Prediction.Classification first = (Prediction.Classification) bundle.predict(IRIS.row(0).toBuilder()
                .remove("species").build());
        assertEquals("setosa", first.label());
        assertEquals(1.0, first.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertFalse(Training.with(Algorithms.tribuo().cart()).fit(IRIS, "species", Prep.chain())
                .model().probabilistic(), "Tribuo's CART gives labels only");
    }

    @Test
    void aCategoricalOrIncompleteFeatureIsRefusedWithEveryProblemListed() {
        NumericColumn withMissing = NumericColumn.builder("sepal_length").addMissing().build();
        Frame bad = IRIS.withColumn(IRIS.categorical("species").withName("colour"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Algorithms.tribuo().logisticRegression().fit(bad, "species", null));
        assertEquals("colour", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("one-hot"), e.getMessage());

        Frame holes = Frame.of(withMissing, dev.mlops.api.CategoricalColumn.of("species", "a"));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> Algorithms.tribuo().cart().fit(holes, "species", null));
        assertTrue(missing.problems().stream().anyMatch(p -> p.reason().contains("imputed")), missing.getMessage());
        assertTrue(missing.problems().stream().anyMatch(p -> p.reason().contains("fewer than two classes")));

        assertThrows(InvalidInputException.class, () -> Training.with(Algorithms.tribuo().cart())
                .fit(IRIS, "colour", Prep.chain()));
        assertThrows(InvalidInputException.class, () -> Algorithms.tribuo().linearRegression()
                .fit(IRIS, "species", null), "a regression needs a numeric target");
    }

    @Test
    void theMapFormConvertsAndChecksHyperparameters() {
        TribuoXGBoost xgb = Algorithms.tribuo().xgboost().with(Map.of("trees", 50L, "eta", "0.2", "seed", 7));
        assertEquals(50, xgb.get(TribuoXGBoost.TREES));
        assertEquals(0.2, xgb.get(TribuoXGBoost.ETA));
        assertEquals(7, xgb.seed());
        assertEquals("50", xgb.hyperparameters().get("trees"));
        assertEquals(300, Algorithms.tribuo().xgboost().get(TribuoXGBoost.TREES), "documented default");

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.tribuo().xgboost().with("tress", 5));
        assertTrue(unknown.getMessage().contains("'tress'") && unknown.getMessage().contains("trees"));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.tribuo().xgboost().with("eta", 2.0));
        assertTrue(range.getMessage().contains("[0.000001, 1]") || range.getMessage().contains("[1.0E-6, 1]"),
                range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Algorithms.tribuo().xgboost().with("trees", 2.5));
        assertThrows(IllegalArgumentException.class, () -> Algorithms.tribuo().xgboost().with("eta", Double.NaN));
        assertEquals(TribuoLinearSgd.Loss.LOG,
                Algorithms.tribuo().linearSgd().with("loss", "log").get(TribuoLinearSgd.LOSS));
        IllegalArgumentException choice = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.tribuo().linearSgd().with("loss", "squared"));
        assertTrue(choice.getMessage().contains("[hinge, log]"), choice.getMessage());
    }

    @Test
    void aThrowingListenerNeverBreaksTrainingAndEventsBracketTheWork() {
        List<dev.mlops.api.model.ProgressEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Training.with(Algorithms.tribuo().cart()).listener(event -> {
            seen.add(event);
            throw new IllegalStateException("a broken progress bar");
        }).fit(IRIS, "species", Prep.chain());
        assertEquals(2, seen.size());
        assertEquals(0, seen.get(0).done());
        assertEquals(1, seen.get(1).done());
        assertEquals("[training   1/1] #################### 100%  tribuo.cart", ConsoleProgress.line(seen.get(1)));
    }

    private static double accuracy(List<Prediction> predictions) {
        int correct = 0;
        for (int i = 0; i < predictions.size(); i++) {
            if (((Prediction.Classification) predictions.get(i)).label().equals(IRIS.categorical("species").get(i))) {
                correct++;
            }
        }
        return (double) correct / predictions.size();
    }

    @Test
    void trainingPredictionsOfTheFrameAndOfEachRowAgree() {
        ModelBundle bundle = Training.with(Algorithms.tribuo().xgboost().trees(20)).fit(IRIS, "species",
                Prep.chain(Prep.standardize()));
        List<Prediction> batch = bundle.predict(IRIS);
        for (int row = 0; row < IRIS.rowCount(); row += 7) {
            assertEquals(batch.get(row), bundle.predict(IRIS.row(row).toBuilder().remove("species").build()));
        }
    }
}
