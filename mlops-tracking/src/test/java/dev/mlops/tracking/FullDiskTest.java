package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.data.Csv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real file system that runs out of space (a 4 MB tmpfs filled with ballast): no
 * call that fails loses acknowledged data or leaves a half change behind, and once space is free
 * again everything that was held is written.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    @Test
    void metricPointsLostAfterAFullDiskFlush() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 4);
                Tracker tracker = Tracking.local(disk.path().resolve("store"), options())) {
            Run run = tracker.experiment("e").start("full");
            for (int i = 0; i < 1000; i++) {
                run.logMetric("loss", i, i);
            }
            disk.fill();
            StoreException flush = assertThrows(StoreException.class, run::flush);
            assertTrue(flush.getMessage().contains("metrics"), flush.getMessage());
            assertThrows(StoreException.class, run::close, "close cannot report success while points are held");
            assertEquals(RunStatus.RUNNING, tracker.run(run.id()).status());
            disk.free();
            run.flush();
            run.close();
            assertEquals(RunStatus.FINISHED, tracker.run(run.id()).status());
            assertEquals(1000, tracker.metricHistory(run.id(), "loss").size());
            assertEquals(999.0, tracker.run(run.id()).metrics().get("loss").latest());
        }
    }

    @Test
    void pointsBufferedWhileTheDiskIsFullAreBoundedAndKept() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 4);
                Tracker tracker = Tracking.local(disk.path().resolve("store"), options().metricBatchSize(10))) {
            Run run = tracker.experiment("e").start("full");
            run.logMetric("warm", 0, 0);
            run.flush();
            disk.fill();
            int accepted = 0;
            StoreException refused = null;
            for (int i = 0; i < 2000 && refused == null; i++) {
                try {
                    run.logMetric("loss", i, i);
                    accepted++;
                } catch (StoreException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "a run that cannot write must stop taking points at some bound");
            // what fits in the log's last page is still written; then 64 batches of 10 are held
            assertTrue(accepted >= 10 * 64 && accepted < 2000, "took " + accepted + " points");
            disk.free();
            run.close();
            assertEquals(accepted, tracker.metricHistory(run.id(), "loss").size());
        }
    }

    @Test
    void syncedMetricThatCannotBeWrittenIsRefusedNotKept() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 4);
                Tracker tracker = Tracking.local(disk.path().resolve("store"), options().syncEveryMetric(true))) {
            Run run = tracker.experiment("e").start("full");
            run.logMetric("loss", 0, 0);
            disk.fill();
            List<Long> acknowledged = new java.util.ArrayList<>(List.of(0L));
            long refused = -1;
            for (long step = 1; step < 100_000 && refused < 0; step++) {
                try {
                    run.logMetric("loss", step, step); // the log's last page may still take a few
                    acknowledged.add(step);
                } catch (StoreException e) {
                    refused = step;
                }
            }
            assertTrue(refused > 0, "a full disk must refuse a synced point");
            disk.free();
            run.logMetric("loss", refused + 1, refused + 1);
            acknowledged.add(refused + 1);
            run.close();
            assertEquals(acknowledged, tracker.metricHistory(run.id(), "loss").stream().map(p -> p.step()).toList(),
                    "exactly the acknowledged points; the refused one was not written behind the caller's back");
        }
    }

    @Test
    void registryChangesOnAFullDiskChangeNothing() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 4);
                Tracker tracker = Tracking.local(disk.path().resolve("store"), options())) {
            ModelRegistry registry = tracker.registry();
            registry.register("m", ModelSource.opaque(bytes("one")));
            registry.register("m", ModelSource.opaque(bytes("two")));
            registry.review("m/1", ReviewState.APPROVED, "ana", "fine");
            registry.setAlias("m", "champion", 1);
            AuditReplay.State before = AuditReplay.stored(registry, "m");
            int entries = registry.audit("m").size();
            disk.fill();
            List<Consumer<ModelRegistry>> changes = List.of(
                    r -> r.register("m", ModelSource.opaque(bytes("three"))),
                    r -> r.setAlias("m", "champion", 2),
                    r -> r.removeAlias("m", "champion"),
                    r -> r.review("m/2", ReviewState.APPROVED, "ana", "ok"),
                    r -> r.tagVersion("m/2", "k", "v"),
                    r -> r.delete("m/2"),
                    r -> r.requireApproval("m", "champion", true),
                    r -> r.createModel("m", "changed", java.util.Map.of("t", "v")));
            int refused = 0;
            for (int i = 0; i < changes.size(); i++) {
                try {
                    changes.get(i).accept(registry); // a deletion frees space, so it may well succeed
                    AuditReplay.assertConsistent(registry, "m", "change " + i + " succeeded on a full disk");
                    before = AuditReplay.stored(registry, "m");
                    entries = registry.audit("m").size();
                } catch (StoreException e) {
                    refused++;
                    assertEquals(before, AuditReplay.stored(registry, "m"), "change " + i + " threw but changed state");
                    assertEquals(entries, registry.audit("m").size(), "change " + i + " threw but left an audit entry");
                }
            }
            assertTrue(refused >= changes.size() - 2, "only " + refused + " changes were refused on a full disk");
            assertThrows(StoreException.class, () -> tracker.datasets().log("d", frame()));
            disk.free();
            assertEquals(3, registry.register("m", ModelSource.opaque(bytes("three"))).version(),
                    "no refused registration took a number");
            registry.setAlias("m", "champion", 3);
            AuditReplay.assertConsistent(registry, "m", "after the disk was freed");
            assertEquals(1, tracker.datasets().log("d", frame()).version());
        }
    }

    private static Frame frame() {
        return Csv.reader().readString("a,b\n" + "1,x\n".repeat(2000)).frame();
    }

    private static byte[] bytes(String text) {
        return text.repeat(100).getBytes(StandardCharsets.UTF_8);
    }

    private static LocalOptions options() {
        return LocalOptions.defaults().workingDirectory(null);
    }
}
