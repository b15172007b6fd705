package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.contract.StoreSamples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a whole file store into another (the PostgreSQL module copies across stores). */
class StoreCopyTest {

    @TempDir
    Path directory;

    @Test
    void aCopyHoldsEveryEntryWithItsIdsNumbersAndInstants() {
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker target = Tracking.local(directory.resolve("target"))) {
            StoreSamples.Expected expected = StoreSamples.populate(source);
            List<String> seen = new ArrayList<>();
            StoreCopy.Summary summary = StoreCopy.copy(source, target, (entry, done, total) -> seen.add(done + "/"
                    + total + " " + entry));

            assertEquals(List.of(), StoreCopy.differences(source, target));
            // the sample's counts, as written, not as either store reports them
            assertEquals(new StoreCopy.Summary(2, 3, StoreSamples.LOSS_POINTS + 3 + 1 + 1, 4, 3, 2, 2, 14, 3),
                    summary);
            assertEquals(2 + 3 + 3 + 2 + 1, seen.size(), seen.toString());
            assertTrue(seen.get(seen.size() - 1).startsWith("11/11 review queue low-confidence"), seen.toString());

            RunInfo parent = target.run(expected.parentRunId());
            assertEquals(source.run(expected.parentRunId()).started(), parent.started());
            assertEquals(expected.loss(), target.metricHistory(expected.parentRunId(), "loss").stream()
                    .map(MetricPoint::value).toList());
            assertEquals(0.84, parent.metric("accuracy").orElseThrow()); // highest step, last logged
            assertEquals(RunStatus.FAILED, target.run(expected.childRunId()).status());
            assertEquals(expected.parentRunId(), target.run(expected.childRunId()).parentId());
            assertEquals(RunStatus.KILLED, target.run(expected.killedRunId()).status());

            // the copy goes on where the source was: version numbers, aliases, the audit log
            assertEquals(expected.lastVersion() + 1, target.registry().register("churn",
                    ModelSource.opaque(new byte[] {9})).version());
            assertEquals(1, target.registry().version("churn@champion").version());
            List<AuditEntry> audit = target.registry().audit("churn");
            assertEquals(source.registry().audit("churn"), audit.subList(0, audit.size() - 1));
            assertEquals(List.of("c"), target.reviewQueue("low-confidence", 10).pending(10).stream()
                    .map(ReviewItem::id).toList());
            assertEquals(List.of("b", "a"), target.reviewQueue("low-confidence", 10).reviewed().stream()
                    .map(r -> r.item().id()).toList());
        }
    }

    @Test
    void aCopyOfTheCopyEqualsTheOriginal() {
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker middle = Tracking.local(directory.resolve("middle"));
                Tracker back = Tracking.local(directory.resolve("back"))) {
            StoreSamples.populate(source);
            StoreCopy.copy(source, middle, StoreCopy.Progress.NONE);
            StoreCopy.copy(middle, back, StoreCopy.Progress.NONE);
            assertEquals(List.of(), StoreCopy.differences(source, back));
        }
        try (Tracker reopened = Tracking.local(directory.resolve("back"));
                Tracker source = Tracking.local(directory.resolve("source"))) {
            assertEquals(List.of(), StoreCopy.differences(source, reopened)); // as stored, not as cached
        }
    }

    @Test
    void aRunStillRunningArrivesAbandonedAndStaysSo() {
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker middle = Tracking.local(directory.resolve("middle"));
                Tracker back = Tracking.local(directory.resolve("back"))) {
            var run = source.experiment("live").start("still going");
            run.logParam("p", "1");
            run.logMetric("m", 1.5, 0);
            run.flush();
            StoreCopy.copy(source, middle, StoreCopy.Progress.NONE);
            assertEquals(RunStatus.RUNNING, source.run(run.id()).status());
            assertEquals(RunStatus.ABANDONED, middle.run(run.id()).status());
            assertEquals(List.of(1.5), middle.metricHistory(run.id(), "m").stream().map(MetricPoint::value).toList());
            StoreCopy.copy(middle, back, StoreCopy.Progress.NONE);
            assertEquals(List.of(), StoreCopy.differences(middle, back));
            run.end(RunStatus.FINISHED);
        }
    }

    @Test
    void aTargetThatHoldsAnythingIsRefusedAndLeftAsItWas() {
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker target = Tracking.local(directory.resolve("target"))) {
            StoreSamples.populate(source);
            target.reviewQueue("mine", 5).offer(StoreSamples.item("z", 0.5));
            ConflictException refused = assertThrows(ConflictException.class,
                    () -> StoreCopy.copy(source, target, StoreCopy.Progress.NONE));
            assertTrue(refused.getMessage().contains("review queue 'mine'"), refused.getMessage());
            assertEquals(List.of(), target.experimentNames());
            assertEquals(List.of(), target.datasets().names());
            assertEquals(List.of("z"), target.reviewQueue("mine", 5).pending(5).stream().map(ReviewItem::id).toList());
            assertThrows(IllegalArgumentException.class, () -> StoreCopy.copy(source, source, StoreCopy.Progress.NONE));
        }
    }

    @Test
    void differencesNameWhatDiffers() {
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker target = Tracking.local(directory.resolve("target"))) {
            StoreSamples.populate(source);
            StoreCopy.copy(source, target, StoreCopy.Progress.NONE);
            assertEquals(List.of(), StoreCopy.differences(source, target));
            target.registry().tagVersion("churn/1", "changed", "after the copy");
            target.reviewQueue("low-confidence", 10).review("c", "yes", "", "erin");
            source.datasets().log("only-in-source", dev.mlops.api.Frame.builder(dev.mlops.api.Schema.of(
                    dev.mlops.api.Field.of("v", dev.mlops.api.FieldType.NUMERIC))).add(1.0).build());
            List<String> differences = StoreCopy.differences(source, target);
            assertEquals(List.of("dataset names", "audit log of model churn", "versions of model churn",
                    "waiting items of review queue low-confidence", "reviewed items of review queue low-confidence"),
                    differences.stream().map(d -> d.substring(0, d.indexOf(" differs"))).toList(),
                    differences.toString());
        }
    }

    @Test
    void anEmptyStoreCopiesToAnEmptyStore() {
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker target = Tracking.local(directory.resolve("target"))) {
            assertEquals(new StoreCopy.Summary(0, 0, 0, 0, 0, 0, 0, 0, 0),
                    StoreCopy.copy(source, target, StoreCopy.Progress.NONE));
            assertEquals(List.of(), StoreCopy.differences(source, target));
        }
    }
}
