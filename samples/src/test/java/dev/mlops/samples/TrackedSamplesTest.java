package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
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

    @Test
    void theAdultSampleIsATrackedRunWithItsDatasets() {
        System.setProperty("mlops.data", store.toString());
        AdultSample.main(new String[0]);
        AdultSample.main(new String[0]);
        try (Tracker tracker = Tracking.local(store)) {
            List<RunInfo> runs = tracker.experiment("adult").runs();
            assertEquals(2, runs.size());
            RunInfo run = runs.get(0);
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals(32_561.0, run.metric("rows.train").orElseThrow());
            assertEquals(16_281.0, run.metric("rows.test").orElseThrow());
            assertEquals(1.0, run.metric("drift.columns").orElseThrow());
            assertEquals(List.of(DatasetRole.TRAIN, DatasetRole.TEST), run.inputs().stream().map(i -> i.role()).toList());
            assertEquals(1, tracker.datasets().versions("adult-data").size(), "the second run stored no new version");
            assertEquals(Datasets.adultTrain().frame(), tracker.datasets().load(run.inputs().get(0).dataset()));
            assertTrue(run.artifact("profile/adult-data.json").isPresent());
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
