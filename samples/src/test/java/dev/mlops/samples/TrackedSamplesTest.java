package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.eval.Evaluation;
import dev.mlops.tracking.Tracking;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples leave what they promise in the store. */
class TrackedSamplesTest {

    @TempDir
    Path store;

    @AfterEach
    void clear() {
        System.clearProperty("mlops.data");
    }

    /** The registered bundle's error on adult.test is the one its run recorded. */
    private static void assertScoresWhatItsRunRecorded(Tracker tracker, dev.mlops.api.tracking.ModelVersion version,
            double error) {
        ModelBundle bundle = ModelBundle.fromBytes(tracker.registry().artifact(version), "adult-income/1");
        Frame test = AdultTraining.mapTestLabels(Datasets.adultTest().frame(), List.of("<=50K", ">50K"));
        assertEquals(1 - error, Evaluation.classification(bundle, test).accuracy(), 1e-12,
                "the registered bundle scores what the run recorded");
    }

    /** What {@code main} printed, run with the store in the temporary directory. */
    private String printed(java.util.function.Consumer<String[]> main) {
        System.setProperty("mlops.data", store.toString());
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.accept(new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theMainSampleRunsTheLifecycleAsOnePipelineAndTellsItsStory() {
        String output = printed(AdultSample::main);
        assertTrue(output.contains("1. The data: adult.data 32,561 rows x 15 columns to train on; adult.test 16,281"),
                output);
        assertTrue(output.contains("Pipeline adult-income: REGISTERED - registered as adult-income/1 and named"
                + " @champion"), output);
        assertTrue(output.contains("[PREPARE, TRAIN, EVALUATE] read from the cache"), output);
        assertTrue(output.contains("same metrics, bit for bit: true"), output);
        assertTrue(output.matches("(?s).*GATE_FAILED: accuracy 0\\.\\d+ against the champion's 0\\.\\d+.*"), output);
        assertTrue(output.contains("Serving adult-income@champion (version 1)"), output);
        assertTrue(output.matches("(?s).*Moved adult-income@champion from version 1 to 2 under load: \\{1=\\d+, 2=\\d+\\}"
                + " answered by version, 0 failed requests.*"), output);
        assertTrue(output.matches("(?s).*version 2 primary\\s+[\\d,]+ requests  0 errors.*"), output);
        assertTrue(output.contains("Batch-scored adult.test with version 2: 16,281 rows scored, 0 set aside"), output);
        try (Tracker tracker = Tracking.local(store)) {
            List<RunInfo> runs = tracker.experiment("adult").runs();
            assertEquals(4, runs.size(), "the pipeline, again from the cache, re-run, the challenger");
            assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.FINISHED));
            var registered = tracker.registry().version("adult-income/1");
            RunInfo first = tracker.run(registered.runId());
            double error = first.metric("test.error").orElseThrow();
            assertTrue(error <= 0.135, "boosted error on adult.test " + error);
            assertEquals(List.of(DatasetRole.SOURCE, DatasetRole.TEST), first.inputs().stream().map(i -> i.role()).toList());
            assertScoresWhatItsRunRecorded(tracker, registered, error);
        }
    }

    @Test
    void theExplorationSampleTracksItsExplorationAndTrainingAndMeetsTheReferenceErrors() {
        String output = printed(AdultExploration::main);
        assertTrue(output.contains("adult.data: 32,561 rows x 15 columns"), output);
        assertTrue(output.contains("adult.test: 16,281 rows x 15 columns"), output);
        assertTrue(output.matches("(?s).*workclass\\s+categorical\\s+1836.*"), output);
        assertTrue(output.contains("fingerprint sha256:" + Datasets.adultTrain().frame().fingerprint().sha256()),
                output);
        assertTrue(output.contains("[<=50K., >50K.]"), output);
        assertTrue(output.contains("Salary: Jensen-Shannon distance 1.000 (threshold 0.1) -> DRIFT"), output);
        assertTrue(output.contains("train 26,049 rows, test 6,512 rows"), output);
        assertTrue(output.contains("15 columns become 106; frame and single-row paths agree: true"), output);
        assertTrue(output.contains("age: mean 38.58, median 37, 143 outliers by the IQR rule"), output);
        assertTrue(output.contains("FAIL 'Salary' in [<=50K, >50K]: observed 16281 of 16281 rows fail, e.g. rows"
                + " [0, 1, 2, 3, 4]"), output);
        assertTrue(output.contains("WARN mean of 'hours-per-week' in [45.0, 50.0]: observed 40.3922"), output);
        assertTrue(output.matches("(?s).*published: FSS Naive Bayes \\(best listed\\)\\s+14\\.05%.*"), output);
        assertTrue(output.contains("Registered the boosted model as adult-income/1"), output);
        try (Tracker tracker = Tracking.local(store)) {
            List<RunInfo> runs = tracker.experiment("adult").runs();
            assertEquals(2, runs.size());
            RunInfo explore = runs.stream().filter(r -> r.name().equals("load-and-profile")).findFirst().orElseThrow();
            assertEquals(RunStatus.FINISHED, explore.status());
            assertEquals(32_561.0, explore.metric("rows.train").orElseThrow());
            assertEquals(16_281.0, explore.metric("rows.test").orElseThrow());
            assertEquals(1.0, explore.metric("drift.columns").orElseThrow());
            assertEquals(List.of(DatasetRole.TRAIN, DatasetRole.TEST),
                    explore.inputs().stream().map(i -> i.role()).toList());
            assertEquals(Datasets.adultTrain().frame(), tracker.datasets().load(explore.inputs().get(0).dataset()));
            assertEquals(explore.inputs().get(0).dataset(), tracker.datasets().log("adult-data",
                    Datasets.adultTrain().frame()), "logging equal content again stores no new version");
            assertEquals(1, tracker.datasets().versions("adult-data").size());
            assertTrue(explore.artifact("profile/adult-data.json").isPresent());

            RunInfo train = runs.stream().filter(r -> r.name().equals("train-and-evaluate")).findFirst().orElseThrow();
            assertEquals(RunStatus.FINISHED, train.status());
            // the targets on the official test split: logistic regression <= 15.0%, boosted <= 13.5%
            double logistic = train.metric("tribuo.logistic-regression.test.error").orElseThrow();
            double boosted = train.metric("tribuo.xgboost.test.error").orElseThrow();
            assertTrue(logistic <= 0.150, "logistic regression error " + logistic);
            assertTrue(boosted <= 0.135, "boosted error " + boosted);
            assertTrue(train.metric("smile.gradient-boosting.test.error").orElseThrow() <= 0.135);
            assertTrue(train.metric("boosted.test.race.accuracyGap").orElseThrow() > 0, "the race slice is recorded");
            assertTrue(train.metric("boosted.test.accuracy.Female").isPresent());

            var version = tracker.registry().version("adult-income/1");
            assertEquals(train.id(), version.runId());
            assertScoresWhatItsRunRecorded(tracker, version, boosted);
        }
    }

    @Test
    void theRegistrySampleLeavesAnApprovedChampionAndAnAuditTrail() {
        System.setProperty("mlops.data", store.toString());
        RegistrySample.main(new String[0]);
        try (Tracker tracker = Tracking.local(store)) {
            var champion = tracker.registry().version("adult-rule@champion");
            assertEquals(1, champion.version());
            assertEquals("reviewer-ana", champion.review().reviewer());
            assertEquals(2, tracker.registry().version("adult-rule@challenger").version());
            assertEquals("14", tracker.run(champion.runId()).params().get("threshold"));
            assertEquals(7, tracker.registry().audit("adult-rule").size());
        }
    }

    @Test
    void theRuleAccuracyMatchesAHandCount() {
        var test = Datasets.adultTest().frame();
        // education-num >= 14 on adult.test: counted independently with Python's csv module
        // (samples/src/test/resources/reference/rule_accuracy.py)
        assertEquals(12_700.0 / 16_281, RegistrySample.accuracy(test.numeric("education-num"), test.categorical("Salary"), 14),
                1e-12);
    }
}
