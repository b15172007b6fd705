package dev.mlops.test;

import static dev.mlops.test.ModelAssertions.assertCalibrated;
import static dev.mlops.test.ModelAssertions.assertDirection;
import static dev.mlops.test.ModelAssertions.assertGolden;
import static dev.mlops.test.ModelAssertions.assertInvariant;
import static dev.mlops.test.ModelAssertions.assertMetricAtLeast;
import static dev.mlops.test.ModelAssertions.assertNoWorseThanChampion;
import static dev.mlops.test.ModelAssertions.assertRoundTrip;
import static dev.mlops.test.ModelAssertions.assertSlicesAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.ModelRegistrations;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.TribuoCart;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/** Each assertion passes on a model that keeps its promise and fails, saying what broke, on one that does not. */
@ExtendWith(MlopsExtension.class)
class ModelAssertionsTest {

    private static final List<String> CITIES = List.of("baku", "kyiv", "lima", "oslo", "rome");
    private static Partition parts;
    private static ModelBundle linear;
    private static ModelBundle stump;

    /** y is "hi" mostly for large x, in oslo or rome, or with the flag; noise means nothing. */
    static Frame data(int rows, long seed) {
        Random random = new Random(seed);
        NumericColumn.Builder x = NumericColumn.builder("x");
        NumericColumn.Builder noise = NumericColumn.builder("noise");
        CategoricalColumn.Builder city = CategoricalColumn.builder("city");
        BooleanColumn.Builder flag = BooleanColumn.builder(Field.of("flag", FieldType.BOOLEAN), rows);
        CategoricalColumn.Builder y = CategoricalColumn.builder("y");
        for (int i = 0; i < rows; i++) {
            double xv = random.nextGaussian();
            String c = CITIES.get(random.nextInt(CITIES.size()));
            boolean f = random.nextBoolean();
            x.add(xv);
            noise.add(random.nextDouble());
            city.add(c);
            flag.add(f);
            double score = 2 * xv + (c.equals("oslo") || c.equals("rome") ? 1 : 0) + (f ? 1 : 0)
                    + 0.5 * random.nextGaussian();
            y.add(score > 1.2 ? "hi" : "lo");
        }
        return Frame.of(x.build(), noise.build(), city.build(), flag.build(), y.build());
    }

    @BeforeAll
    static void train() {
        parts = Split.holdout(0.7).stratifiedBy("y").seed(3).apply(data(1_000, 1));
        Prep.StepChain steps = Prep.chain(Prep.standardize(), Prep.oneHot(Unseen.IGNORE));
        linear = Training.with(Algorithms.tribuo().logisticRegression().seed(2)).fit(parts.train(), "y", steps);
        // one split: on x, the strongest feature; noise cannot matter to it
        stump = Training.with(Algorithms.tribuo().cart().with(TribuoCart.MAX_DEPTH, 1)).fit(parts.train(), "y", steps);
    }

    @Test
    void metricFloorsPassAndFailWithTheFigures() {
        assertMetricAtLeast(linear, parts.test(), "accuracy", 0.75);
        assertMetricAtLeast(linear, parts.test(), "error", 0.25);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertMetricAtLeast(linear, parts.test(), "accuracy", 0.999));
        assertTrue(e.getMessage().startsWith("accuracy should be at least 0.999 on 300 rows, but is 0."), e.getMessage());
        AssertionFailedError unknown = assertThrows(AssertionFailedError.class,
                () -> assertMetricAtLeast(linear, parts.test(), "acuracy", 0.5));
        assertTrue(unknown.getMessage().contains("there is no metric 'acuracy'"), unknown.getMessage());
    }

    @Test
    void theChampionComparisonLoadsTheChampionFromTheRegistry(Tracker tracker, ModelRegistry registry) {
        ModelRegistrations.register(registry, "toy", linear, null);
        registry.setAlias("toy", "champion", 1);
        assertEquals(1, tracker.registry().version("toy@champion").version(), "one store per test");
        assertNoWorseThanChampion(linear, registry, "toy@champion", parts.test(), "accuracy", 0.0);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertNoWorseThanChampion(stump, registry, "toy@champion", parts.test(), "accuracy", 0.0));
        assertTrue(e.getMessage().contains("no worse than the champion toy@champion"), e.getMessage());
    }

    @Test
    void invarianceNamesTheRowsThatChanged() {
        assertInvariant(stump, parts.test(), "noise", value -> 1 - (Double) value);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertInvariant(linear, parts.test(), "x", value -> (Double) value + 3));
        assertTrue(e.getMessage().startsWith("invariance to 'x' broke: the prediction changed for "), e.getMessage());
        assertTrue(e.getMessage().contains("lo -> hi when x "), e.getMessage());
    }

    @Test
    void directionHoldsForTheRightWayAndNamesRowsForTheWrongOne() {
        assertDirection(linear, parts.test(), "x", 0.5, "hi", ModelAssertions.Direction.UP);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertDirection(linear, parts.test(), "x", 0.5, "hi", ModelAssertions.Direction.DOWN));
        assertTrue(e.getMessage().contains("raising 'x' by 0.5 should move P(hi) down, but it moved the other way for"
                + " 300 of 300 rows"), e.getMessage());
    }

    @Test
    void goldenRowsMustBePredictedAsExpected() {
        Features high = Features.of("x", 3.0, "noise", 0.5, "city", "oslo", "flag", true);
        Features low = Features.of("x", -3.0, "noise", 0.5, "city", "baku", "flag", false);
        assertGolden(linear, Map.of(high, "hi", low, "lo"), 0);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertGolden(linear, Map.of(high, "lo"), 0));
        assertTrue(e.getMessage().contains("should be lo but is hi"), e.getMessage());
    }

    @Test
    void slicesCalibrationAndRoundTrip() {
        assertSlicesAtLeast(linear, parts.test(), "city", "accuracy", 0.6);
        AssertionFailedError slices = assertThrows(AssertionFailedError.class,
                () -> assertSlicesAtLeast(linear, parts.test(), "city", "accuracy", 0.999));
        assertTrue(slices.getMessage().contains("in every slice of 'city'"), slices.getMessage());
        assertCalibrated(linear, parts.test(), 0.15);
        AssertionFailedError calibration = assertThrows(AssertionFailedError.class,
                () -> assertCalibrated(linear, parts.test(), 1e-6));
        assertTrue(calibration.getMessage().contains("expected calibration error should be at most"),
                calibration.getMessage());
        assertRoundTrip(linear, parts.test());
        assertRoundTrip(stump, parts.test());
    }
}
