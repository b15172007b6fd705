package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SmileTrainersTest {

    private static final Frame IRIS = Iris.frame();

    static Stream<AlgorithmTrainer<?>> classifiers() {
        Algorithms.Smile smile = Algorithms.smile();
        return Stream.of(smile.randomForest().trees(30), smile.gradientBoosting().trees(40), smile.logisticRegression());
    }

    static Stream<AlgorithmTrainer<?>> regressors() {
        Algorithms.Smile smile = Algorithms.smile();
        return Stream.of(smile.ols(), smile.ridge().lambda(0.1), smile.lasso().lambda(0.01),
                smile.randomForestRegression().trees(30), smile.gradientBoostingRegression().trees(60));
    }

    @ParameterizedTest
    @MethodSource("classifiers")
    void everyClassifierLearnsIrisDeterministicallyAndSurvivesTheBundle(AlgorithmTrainer<?> trainer) {
        ModelBundle bundle = Training.with(trainer).fit(IRIS, "species", Prep.chain(Prep.standardize()));
        List<Prediction> predictions = bundle.predict(IRIS);
        int correct = 0;
        for (int i = 0; i < predictions.size(); i++) {
            Prediction.Classification p = (Prediction.Classification) predictions.get(i);
            correct += p.label().equals(IRIS.categorical("species").get(i)) ? 1 : 0;
            assertEquals(1.0, p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
        }
        assertTrue(correct > 135, trainer + " got " + correct + " of 150");
        assertEquals(predictions, Training.with(trainer).fit(IRIS, "species", Prep.chain(Prep.standardize()))
                .predict(IRIS), "the same seed gives the same model");
        assertEquals(predictions, ModelBundle.fromBytes(bundle.toBytes(), "smile").predict(IRIS));
    }

    @ParameterizedTest
    @MethodSource("regressors")
    void everyRegressorFitsPetalWidth(AlgorithmTrainer<?> trainer) {
        Frame data = IRIS.drop("species");
        ModelBundle bundle = Training.with(trainer).fit(data, "petal_width", Prep.chain(Prep.standardize()));
        double r2 = dev.mlops.core.eval.Evaluation.regression(bundle, data).r2();
        assertTrue(r2 > 0.85, trainer + " R2 " + r2);
        assertEquals(bundle.predict(data), ModelBundle.fromBytes(bundle.toBytes(), "smile").predict(data));
    }

    @Test
    void treesTakeCategoriesAsNominalAndRefuseUnseenOnes() {
        dev.mlops.api.Column colour = IRIS.categorical("species").withName("colour");
        Frame data = Frame.of(IRIS.numeric("sepal_width"), colour, IRIS.categorical("species"));
        ModelBundle bundle = Training.with(Algorithms.smile().randomForest().trees(10)).fit(data, "species",
                Prep.chain());
        assertEquals("virginica", ((Prediction.Classification) bundle.predict(Features.of("sepal_width", 3.0,
                "colour", "virginica"))).label());
        InvalidInputException unseen = assertThrows(InvalidInputException.class,
                () -> bundle.predict(Features.of("sepal_width", 3.0, "colour", "purple")));
        assertTrue(unseen.getMessage().contains("'purple' is not a category seen in training"), unseen.getMessage());
        InvalidInputException linear = assertThrows(InvalidInputException.class,
                () -> Algorithms.smile().logisticRegression().fit(data, "species", null));
        assertEquals("colour", linear.problems().get(0).field());
    }
}
