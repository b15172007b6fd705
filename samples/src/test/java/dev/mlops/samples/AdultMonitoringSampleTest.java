package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.Tracker;
import dev.mlops.serving.RetrainingOutcome;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring sample's loop runs end to end: serve, an upstream change, the alarm naming the
 * changed input, the review queue, a retraining that beats the champion on the same holdout,
 * promotion and the swap.
 */
class AdultMonitoringSampleTest {

    @TempDir
    Path store;

    @Test
    void theLoopDetectsTheChangeRetrainsPromotesAndSwaps() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<RetrainingOutcome> outcomes;
        try (Tracker tracker = Tracking.local(store, LocalOptions.defaults().workingDirectory(null));
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            outcomes = AdultMonitoring.story(tracker, out, store.resolve("monitoring.html"));
            assertEquals(2, tracker.registry().version("adult@champion").version());
            assertTrue(tracker.experiment("retraining").runs().size() >= 1);
            assertTrue(tracker.experiment("monitoring").runs().size() >= 1);
        }
        String story = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(story.contains("ALARM FEATURE_DRIFT capital-gain"), story);
        assertEquals(RetrainingOutcome.Decision.PROMOTED, outcomes.get(0).decision(), story);
        assertTrue(outcomes.get(0).trigger().startsWith("alarm FEATURE_DRIFT on capital-gain"), story);
        assertTrue(outcomes.get(0).challenger().get("accuracy") > outcomes.get(0).champion().get("accuracy") + 0.005,
                story);
        assertTrue(story.contains("The deployment serves adult/2"), story);
        String report = java.nio.file.Files.readString(store.resolve("monitoring.html"));
        assertTrue(report.contains("id=\"windows-0\"") && report.contains("id=\"windows-1\""),
                "a table of windows for version 1 and one for version 2");
        assertTrue(report.contains("<td>capital-gain</td>"), "the drifted input is named");
    }
}
