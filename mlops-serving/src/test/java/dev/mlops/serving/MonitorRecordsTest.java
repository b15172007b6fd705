package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A monitor records its windows and alarms in the tracker, as a run of the deployment's version. */
class MonitorRecordsTest {

    @TempDir
    Path dir;

    @Test
    void windowsAreMetricsAndAlarmsAreEventsOfARunPerVersion() {
        try (Tracker tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("toy", ModelSource.of(Toy.bundle(1, 3_000).withHeldOut(Toy.frame(1_000, 9))
                    .toBytes()));
            tracker.registry().setAlias("toy", "champion", 1);
            try (Deployment deployment = Deployment.of(tracker.registry(), "toy@champion").name("toy-live")
                    .pollEvery(null).monitoring(MonitorSettings.defaults().countWindows(500).executor(Runnable::run)
                            .raiseAfter(1).recordTo(tracker)).start()) {
                Frame calm = Toy.frame(1_000, 20).drop("y");
                deployment.predict(calm);
                Frame shifted = Toy.frame(500, 21).drop("y");
                double[] z = shifted.numeric("z").toArray();
                for (int i = 0; i < z.length; i++) {
                    z[i] += 5;
                }
                deployment.predict(shifted.withColumn(NumericColumn.of("z", z)));
            }
            List<RunInfo> runs = tracker.experiment("monitoring").runs();
            assertEquals(1, runs.size());
            RunInfo run = runs.get(0);
            assertEquals("toy-live toy/1 primary", run.name());
            assertEquals("PRIMARY", run.params().get("role"));
            assertEquals(dev.mlops.api.tracking.RunStatus.FINISHED, run.status(), "ended when the version retired");
            assertEquals(List.of(0L, 1L, 2L), tracker.metricHistory(run.id(), "window.rows").stream()
                    .map(p -> p.step()).toList());
            assertEquals(3, tracker.metricHistory(run.id(), "estimated.accuracy").size());
            List<ArtifactInfo> events = run.artifacts().stream().filter(a -> a.path().startsWith("events/")).toList();
            assertTrue(events.stream().map(a -> new String(tracker.artifact(run.id(), a.path()),
                    StandardCharsets.UTF_8)).anyMatch(e -> e.contains("\"event\":\"raised\"")
                            && e.contains("\"kind\":\"FEATURE_DRIFT\"") && e.contains("\"subject\":\"z\"")
                            && e.contains("\"window\":2")), events.toString());
        }
    }
}
