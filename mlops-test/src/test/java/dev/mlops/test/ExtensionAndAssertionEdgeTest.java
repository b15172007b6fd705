package dev.mlops.test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/** Review probes: each asserts what SHOULD happen; a failure is a finding. */
@ExtendWith(MlopsExtension.class)
class ExtensionAndAssertionEdgeTest {

    static Partition parts;
    static ModelBundle linear;
    static ModelBundle svm;
    static ModelBundle regression;
    static Tracker classTracker;

    @BeforeAll
    static void train(Tracker tracker) {
        classTracker = tracker;
        parts = Split.holdout(0.7).stratifiedBy("y").seed(3).apply(ModelAssertionsTest.data(400, 1));
        Prep.StepChain steps = Prep.chain(Prep.standardize(), Prep.oneHot(Unseen.IGNORE));
        linear = Training.with(Algorithms.tribuo().logisticRegression().seed(2)).fit(parts.train(), "y", steps);
        svm = Training.with(Algorithms.tribuo().linearSgd().seed(2)).fit(parts.train(), "y", steps);
        Frame numeric = parts.train().drop("y", "city", "flag");
        regression = Training.with(Algorithms.tribuo().linearRegression()).fit(numeric, "x",
                Prep.chain(Prep.standardize()));
    }

    // ---- extension ----

    @Test
    void probeBeforeAllStoreIsNotSharedWithTests(Tracker tracker) {
        // the class doc: "a test method ... of its own ... tests never share"
        assertNotSame(classTracker, tracker, "a test got the @BeforeAll (class) store, shared by every test");
    }

    @Nested
    class Inner {
        @Test
        void probeNestedTestGetsItsOwnStore(Tracker tracker) {
            assertNotSame(classTracker, tracker, "a nested test got the outer class's store");
        }
    }

    @Test
    void probeTestClosingTheTrackerItself(Tracker tracker) {
        tracker.experiment("e").start("r").close();
        tracker.close(); // the extension closes again afterwards; must not fail the test
    }

    // ---- assertions ----

    @Test
    void probeDirectionOnAFeatureThatIsNotAnInput() {
        assertThrows(IllegalArgumentException.class, () -> ModelAssertions.assertDirection(linear, parts.test(),
                "no_such_feature", 1.0, "hi", ModelAssertions.Direction.UP), "passes silently");
    }

    @Test
    void probeDirectionOnACategoricalFeature() {
        assertThrows(IllegalArgumentException.class, () -> ModelAssertions.assertDirection(linear, parts.test(), "city",
                1.0, "hi", ModelAssertions.Direction.DOWN), "every row skipped, passes silently");
    }

    @Test
    void probeDirectionWithALabelThatIsNotAClass() {
        assertThrows(IllegalArgumentException.class, () -> ModelAssertions.assertDirection(linear, parts.test(), "x",
                1.0, "HI", ModelAssertions.Direction.DOWN), "P(HI) is NaN, NaN comparisons pass");
    }

    @Test
    void probeDirectionOnAClassifierWithoutProbabilities() {
        // x drives "hi" up, so DOWN must fail or be refused; NaN scores make it pass
        assertThrows(Throwable.class, () -> ModelAssertions.assertDirection(svm, parts.test(), "x", 1.0, "hi",
                ModelAssertions.Direction.DOWN), "no probabilities: NaN scores, passes silently");
    }

    @Test
    void probeDirectionRegressionNullLabel() {
        try { // a regression with label null works: only an AssertionFailedError may come out
            ModelAssertions.assertDirection(regression, parts.test(), "noise", 1.0, null, ModelAssertions.Direction.UP);
        } catch (AssertionFailedError expected) {
            assertTrue(expected.getMessage().contains("the value"));
        }
    }

    @Test
    void probeDirectionNaNDelta() {
        assertThrows(Throwable.class, () -> ModelAssertions.assertDirection(linear, parts.test(), "x", Double.NaN,
                "hi", ModelAssertions.Direction.DOWN), "NaN delta passes silently");
    }

    @Test
    void probeEmptyFrameDoesNotPassVacuously() {
        Frame empty = parts.test().head(0);
        assertThrows(Throwable.class, () -> ModelAssertions.assertInvariant(linear, empty, "x", v -> 99.0),
                "invariance on zero rows passes");
    }

    @Test
    void probeMetricFloorNaN() {
        assertThrows(Throwable.class, () -> ModelAssertions.assertMetricAtLeast(linear, parts.test(), "accuracy",
                Double.NaN), "a NaN floor makes the assertion always pass");
    }

    @Test
    void probeSlicesForASmallerIsBetterMetric() {
        // assertMetricAtLeast treats "error" as at most; every slice's error is well under 0.5
        ModelAssertions.assertMetricAtLeast(linear, parts.test(), "error", 0.5);
        assertDoesNotThrow(() -> ModelAssertions.assertSlicesAtLeast(linear, parts.test(), "city", "error", 0.5));
    }

    @Test
    void probeGoldenRegressionWithALabelExpected() {
        Features row = Features.of("noise", 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelAssertions.assertGolden(regression, Map.of(row, "hi"), 0.1));
        assertTrue(e.getMessage().contains("hi"));
    }

    @Test
    void probeGoldenWithANullExpectedValue() {
        Map<Features, Object> golden = new HashMap<>();
        golden.put(Features.of("noise", 0.5), null);
        assertThrows(IllegalArgumentException.class, () -> ModelAssertions.assertGolden(regression, golden, 0.1));
    }

    @Test
    void probeInvarianceRegressionNaNPrediction() {
        // missing values in the inputs: the user's change gets null; the message should be an assertion, not NPE
        Frame test = parts.test();
        assertDoesNotThrow(() -> ModelAssertions.assertInvariant(linear, test, "noise", v -> v));
    }
}
