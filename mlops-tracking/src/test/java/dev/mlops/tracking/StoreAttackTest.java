package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.MlopsException;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.data.Csv;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variations on the holes of issue 11, probed from outside through the public API. Each test
 * passes when the store keeps the promise its name is about and fails when it does not.
 */
class StoreAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---- 1. malformed text, unreadable documents --------------------------------------------

    /** logJson validates the JSON text but never checks it for lone surrogates: the artifact is stored changed. */
    @Test
    void loneSurrogateInAJsonArtifactIsSilentlyChanged() {
        String json = "{\"k\":\"a\uD800b\"}";
        try (Tracker tracker = Tracking.local(dir.resolve("store"), options());
                Run run = tracker.experiment("e").start("r")) {
            try {
                run.logJson("a.json", json);
            } catch (InvalidInputException refused) {
                return; // refused: the promise is kept
            }
            String stored = new String(tracker.artifact(run.id(), "a.json"), StandardCharsets.UTF_8);
            assertEquals(json, stored, "logJson accepted text with a lone surrogate and stored something else");
        }
    }

    /**
     * A run document whose dataset input names a version the store does not have (hand-edited, or the
     * version file lost) takes down every query of its experiment: NotFoundException is not a
     * StoreException, so the index does not leave the run out.
     */
    @Test
    void oneRunWithAMissingDatasetInputTakesDownTheWholeExperimentSearch() throws Exception {
        Path root = dir.resolve("store");
        String good;
        String bad;
        try (Tracker tracker = Tracking.local(root, options())) {
            DatasetVersion d = tracker.datasets().log("d", frame(3));
            try (Run run = tracker.experiment("e").start("good")) {
                good = run.id();
                run.logMetric("acc", 0.9, 0);
            }
            try (Run run = tracker.experiment("e").start("bad")) {
                bad = run.id();
                run.logInput(d, DatasetRole.TRAIN);
            }
        }
        Path file = root.resolve("runs").resolve(bad).resolve("run.json");
        ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) document.withArray("inputs").get(0)).put("dataset", "gone/1"); // valid JSON, valid shape
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        try (Tracker tracker = Tracking.local(root, options())) {
            List<String> broken = new ArrayList<>();
            try {
                List<RunInfo> runs = tracker.experiment("e").runs();
                if (runs.stream().noneMatch(r -> r.id().equals(good))) {
                    broken.add("the intact run is missing from the search: " + runs);
                }
            } catch (MlopsException e) {
                broken.add("experiment search: " + e);
            }
            try {
                tracker.findRun(good);
            } catch (MlopsException e) {
                broken.add("findRun(intact run): " + e);
            }
            try {
                tracker.registry().register("m", ModelSource.opaque(new byte[] {1}).fromRun(good));
            } catch (MlopsException e) {
                broken.add("register(fromRun(intact run)): " + e);
            }
            try {
                tracker.registry().versionsFromDataset("d/1");
            } catch (MlopsException e) {
                broken.add("versionsFromDataset: " + e);
            }
            assertTrue(broken.isEmpty(), "one run with a dangling dataset input broke queries of other runs:\n"
                    + String.join("\n", broken));
        }
    }

    /** The same, with the dataset version file simply gone. */
    @Test
    void aLostDatasetVersionFileTakesDownTheWholeExperimentSearch() throws Exception {
        Path root = dir.resolve("store");
        String good;
        try (Tracker tracker = Tracking.local(root, options())) {
            DatasetVersion lost = tracker.datasets().log("lost", frame(4));
            try (Run run = tracker.experiment("e").start("good")) {
                good = run.id();
            }
            try (Run run = tracker.experiment("e").start("uses-lost")) {
                run.logInput(lost, DatasetRole.TEST);
            }
        }
        Files.delete(root.resolve("datasets/lost/versions/1.json"));
        try (Tracker tracker = Tracking.local(root, options())) {
            List<RunInfo> runs;
            try {
                runs = tracker.experiment("e").runs();
            } catch (MlopsException e) {
                fail("a lost dataset version failed the whole experiment's search: " + e, e);
                return;
            }
            assertTrue(runs.stream().anyMatch(r -> r.id().equals(good)), "the intact run is missing: " + runs);
        }
    }

    /**
     * A dataset version document whose schema does not parse (valid JSON) makes versions(name) and
     * latest(name) fail for the whole dataset: toVersion runs outside the per-version guard.
     */
    @Test
    void oneDatasetVersionWithABadSchemaTakesDownTheWholeDatasetListing() throws Exception {
        Path root = dir.resolve("store");
        try (Tracker tracker = Tracking.local(root, options())) {
            tracker.datasets().log("d", frame(3));
            tracker.datasets().log("d", frame(5));
        }
        Path file = root.resolve("datasets/d/versions/1.json");
        ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
        document.set("schema", JSON.createObjectNode().put("fields", "none"));
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        try (Tracker tracker = Tracking.local(root, options())) {
            assertThrows(StoreException.class, () -> tracker.datasets().version("d/1"), "asking for it fails");
            try {
                List<DatasetVersion> versions = tracker.datasets().versions("d");
                assertEquals(List.of(2), versions.stream().map(DatasetVersion::version).toList());
                assertEquals(2, tracker.datasets().latest("d").orElseThrow().version());
            } catch (StoreException e) {
                fail("one unreadable dataset version failed the listing of the whole dataset: " + e.getMessage(), e);
            }
        }
    }

    // ---- 2. links and other things planted where a file is expected ---------------------------

    /**
     * A hard link planted at a model's audit.log (before the model is created) to a file outside the
     * store: opening the log cuts the "torn tail" off, so the outside file is truncated and overwritten.
     */
    @Test
    void aHardLinkedAuditLogTruncatesAFileOutsideTheStore() throws Exception {
        Path root = dir.resolve("store");
        Path outside = Files.writeString(dir.resolve("precious.txt"), "do not touch ".repeat(100));
        try (Tracker tracker = Tracking.local(root, options())) {
            tracker.experiment("e");
        }
        Files.createDirectories(root.resolve("registry/m"));
        Files.createLink(root.resolve("registry/m/audit.log"), outside);
        try (Tracker tracker = Tracking.local(root, options())) {
            tracker.registry().createModel("m", "", Map.of());
        } catch (MlopsException refused) {
            // refusing is fine
        }
        assertEquals("do not touch ".repeat(100), new String(Files.readAllBytes(outside), StandardCharsets.ISO_8859_1),
                "a file outside the store was truncated/overwritten through a hard link inside it");
    }

    /** The same through runs/<id>/metrics.log, planted after the run started and before its first flush. */
    @Test
    void aHardLinkedMetricsLogTruncatesAFileOutsideTheStore() throws Exception {
        Path root = dir.resolve("store");
        Path outside = Files.writeString(dir.resolve("precious.txt"), "do not touch ".repeat(100));
        try (Tracker tracker = Tracking.local(root, options())) {
            Run run = tracker.experiment("e").start("r");
            Files.createLink(root.resolve("runs").resolve(run.id()).resolve("metrics.log"), outside);
            try {
                run.logMetric("loss", 1, 1);
                run.close();
            } catch (MlopsException refused) {
                // refusing is fine
            }
        } catch (MlopsException refused) {
            // refusing is fine
        }
        assertEquals("do not touch ".repeat(100), new String(Files.readAllBytes(outside), StandardCharsets.ISO_8859_1),
                "a file outside the store was truncated/overwritten through a hard link inside it");
    }

    // ---- 7. damaged blobs ----------------------------------------------------------------------

    /**
     * A dataset version's profile lives in its own blob. log() checks only the content blob, so a
     * damaged profile is never healed by logging the same frame again.
     */
    @Test
    void aDamagedDatasetProfileIsNeverHealed() throws Exception {
        Path root = dir.resolve("store");
        Frame frame = frame(6);
        try (Tracker tracker = Tracking.local(root, options())) {
            DatasetVersion version = tracker.datasets().log("d", frame);
            String profile = tracker.datasets().profileJson(version).orElseThrow();
            String sha = JSON.readTree(root.resolve("datasets/d/versions/1.json").toFile()).path("profileSha256")
                    .asText();
            Path blob = root.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
            try (RandomAccessFile file = new RandomAccessFile(blob.toFile(), "rw")) {
                file.setLength(file.length() / 2);
            }
            assertThrows(StoreException.class, () -> tracker.datasets().profileJson(version));
            assertEquals(1, tracker.datasets().log("d", frame).version());
            try {
                assertEquals(profile, tracker.datasets().profileJson(version).orElseThrow());
            } catch (StoreException e) {
                fail("logging the same frame again did not heal its damaged profile: " + e.getMessage(), e);
            }
        }
    }

    // ---- 3 and 4. full disks -------------------------------------------------------------------

    /**
     * With syncEveryMetric a point that throws is "refused, so the caller may retry it". When the
     * metric append and its fsync succeed but the experiment's change notice does not fit, the call
     * throws although the point is durably written; a retry duplicates it.
     */
    @Test
    void aSyncedPointThatThrowsOnAFullDiskWasWrittenAnyway() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 4);
                Tracker tracker = Tracking.local(disk.path().resolve("store"), options().syncEveryMetric(true))) {
            Run run = tracker.experiment("e").start("full");
            // a one-letter name makes a point's record (40 bytes) as long as a change notice (40 bytes);
            // the change log already holds the run's creation, so it reaches a page end first
            run.logMetric("l", 0, 0);
            disk.fill();
            List<Long> acknowledged = new ArrayList<>(List.of(0L));
            long refused = -1;
            for (long step = 1; step < 10_000 && refused < 0; step++) {
                try {
                    run.logMetric("l", step, step);
                    acknowledged.add(step);
                } catch (StoreException e) {
                    refused = step;
                }
            }
            assertTrue(refused > 0, "a full disk must refuse a synced point");
            disk.free();
            List<Long> stored = tracker.metricHistory(run.id(), "l").stream().map(p -> p.step()).toList();
            try {
                run.close();
            } catch (StoreException e) {
                // not what this probe is about
            }
            assertEquals(acknowledged, stored, "step " + refused + " was refused (the caller is told to retry it)"
                    + " but it was written");
        }
    }

    /**
     * Registering the first version of a new model commits two changes (create-model, register). On a
     * nearly full disk the second can fail after the first is committed: register throws, yet the model
     * now exists with a create-model audit entry. Tried for every amount of free space up to 8 pages.
     */
    @Test
    void aRegistrationThatThrowsOnAFullDiskStillCreatesTheModel() throws Exception {
        byte[] artifact = "model body".repeat(50).getBytes(StandardCharsets.UTF_8);
        List<String> broken = new ArrayList<>();
        for (int pages = 0; pages <= 8; pages++) {
            try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk" + pages), 4);
                    Tracker tracker = Tracking.local(disk.path().resolve("store"), options())) {
                tracker.registry().register("other", ModelSource.opaque(artifact)); // the body is stored already
                disk.fill();
                disk.leaveFree(pages);
                try {
                    tracker.registry().register("m", ModelSource.opaque(artifact));
                } catch (StoreException e) {
                    boolean exists = tracker.registry().model("m").isPresent();
                    int entries = tracker.registry().audit("m").size();
                    if (exists || entries > 0) {
                        broken.add(pages + " free pages: register threw (" + e.getMessage() + ") but model m exists="
                                + exists + " with " + entries + " audit entries");
                    }
                }
                disk.free();
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    /**
     * Close fails when the run's end cannot be written (a full disk), but marks the run closed anyway:
     * a retried close returns normally while the run is still RUNNING (and reads ABANDONED once the
     * process exits).
     */
    @Test
    void aRetriedCloseAfterTheEndCouldNotBeWrittenReportsSuccessForARunThatNeverEnded() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 4);
                Tracker tracker = Tracking.local(disk.path().resolve("store"), options())) {
            Run run = tracker.experiment("e").start("r");
            run.logMetric("loss", 1, 1);
            run.flush();
            disk.fill();
            assertThrows(StoreException.class, run::close, "the end cannot be written on a full disk");
            disk.free();
            try {
                run.close();
            } catch (StoreException e) {
                return; // still reported: fine
            }
            assertEquals(RunStatus.FINISHED, tracker.run(run.id()).status(),
                    "the retried close returned normally but the run was never ended");
        }
    }

    // ---- 6. one store through two paths ----------------------------------------------------------

    /**
     * A bind mount gives the same directory a second real path, so the in-process lock (keyed by the
     * real path) is not shared; the JVM's file lock table is, so concurrent writers through the two
     * paths get OverlappingFileLockException instead of waiting.
     */
    @Test
    void theSameStoreThroughABindMountInOneJvm() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")));
        Path real = Files.createDirectories(dir.resolve("real"));
        Path bound = Files.createDirectories(dir.resolve("bound"));
        ScratchDisk.run("mount", "--bind", real.toString(), bound.toString());
        try {
            int threads = 4;
            int each = 25;
            try (Tracker a = Tracking.local(real, options()); Tracker b = Tracking.local(bound, options())) {
                TwoPathRegistrations.assertExclusive(a, b, threads, each);
            }
        } finally {
            ScratchDisk.run("umount", "-l", bound.toString());
        }
    }

    /**
     * Every kind of registry change on a disk with 0 to 6 free pages (a fresh store each time): a
     * change that throws saying "nothing was changed" changed nothing, and replaying the audit log
     * always gives the stored state.
     */
    @Test
    void registryChangesOnANearlyFullDiskNeverDriftFromTheAuditLog() throws Exception {
        List<String> names = List.of("register", "review", "tag-version", "set-alias", "remove-alias", "delete",
                "approval-policy", "update-model");
        List<java.util.function.Consumer<ModelRegistry>> changes = List.of(
                r -> r.register("m", ModelSource.opaque("three".repeat(300).getBytes(StandardCharsets.UTF_8))),
                r -> r.review("m/2", dev.mlops.api.tracking.ReviewState.APPROVED, "ana", "ok ".repeat(500)),
                r -> r.tagVersion("m/2", "k", "v".repeat(3000)),
                r -> r.setAlias("m", "champion", 2),
                r -> r.removeAlias("m", "champion"),
                r -> r.delete("m/2"),
                r -> r.requireApproval("m", "gold", true),
                r -> r.createModel("m", "changed ".repeat(400), Map.of("t", "v".repeat(2000))));
        List<String> broken = new ArrayList<>();
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 4)) {
            for (int c = 0; c < changes.size(); c++) {
                for (int pages = 0; pages <= 6; pages++) {
                    Path root = disk.path().resolve("s" + c + "-" + pages);
                    String where = names.get(c) + " with " + pages + " free pages";
                    try (Tracker tracker = Tracking.local(root, options())) {
                        ModelRegistry registry = tracker.registry();
                        registry.register("m", ModelSource.opaque("one".repeat(300).getBytes(StandardCharsets.UTF_8)));
                        registry.register("m", ModelSource.opaque("two".repeat(300).getBytes(StandardCharsets.UTF_8)));
                        registry.setAlias("m", "champion", 1);
                        if (c == 4) {
                            registry.setAlias("m", "champion", 2);
                        }
                        AuditReplay.State before = AuditReplay.stored(registry, "m");
                        int entries = registry.audit("m").size();
                        disk.fill();
                        disk.leaveFree(pages);
                        try {
                            changes.get(c).accept(registry);
                        } catch (StoreException e) {
                            if (e.getMessage().contains("nothing was changed")) {
                                if (!before.equals(AuditReplay.stored(registry, "m"))) {
                                    broken.add(where + ": threw 'nothing was changed' but the state changed");
                                }
                                if (entries != registry.audit("m").size()) {
                                    broken.add(where + ": threw 'nothing was changed' but left an audit entry");
                                }
                            }
                        }
                        try {
                            AuditReplay.assertConsistent(registry, "m", where);
                        } catch (AssertionError e) {
                            broken.add(e.getMessage());
                        }
                        disk.free();
                    } catch (MlopsException e) {
                        broken.add(where + ": " + e);
                    } finally {
                        disk.free();
                        deleteTree(root);
                    }
                    try (Tracker tracker = Tracking.local(disk.path().resolve("probe"), options())) {
                        // nothing: just make sure the disk is usable again
                    }
                }
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    /**
     * A directory planted where a future version file goes (registry/m/versions/2.json) is counted as a
     * taken number: the next registration silently becomes version 3, and the versions are no longer
     * 1..N.
     */
    @Test
    void aDirectoryPlantedAtAFutureVersionFileMakesAGapInVersionNumbers() throws Exception {
        Path root = dir.resolve("store");
        try (Tracker tracker = Tracking.local(root, options())) {
            tracker.registry().register("m", ModelSource.opaque(new byte[] {1}));
            Files.createDirectories(root.resolve("registry/m/versions/2.json"));
            int number;
            try {
                number = tracker.registry().register("m", ModelSource.opaque(new byte[] {2})).version();
            } catch (StoreException refused) {
                return; // an error naming the directory: fine
            }
            assertEquals(2, number, "the version after 1 must be 2 (or the call must fail naming the directory)");
        }
    }

    /**
     * A run's end is written, then the experiment's change notice fails (here: a directory planted at
     * changes.lock): end() throws, yet the run has ended, so a retry is a ConflictException.
     */
    @Test
    void anEndThatThrowsHasEndedTheRunAnyway() throws Exception {
        Path root = dir.resolve("store");
        try (Tracker tracker = Tracking.local(root, options())) {
            Run run = tracker.experiment("e").start("r");
            Path lock = root.resolve("experiments/e/changes.lock");
            Files.delete(lock);
            Files.createDirectory(lock);
            try {
                run.end(RunStatus.FINISHED);
                return; // no error: nothing to probe
            } catch (StoreException expected) {
                // the notice could not be written
            }
            assertEquals(RunStatus.RUNNING, tracker.run(run.id()).status(),
                    "end() threw a StoreException but the run ended anyway (a retry now fails with a conflict)");
        }
    }

    /** Frames with awkward but valid text: what log() accepts must load back as an equal frame. */
    @Test
    void everyFrameThatLogsLoadsBackEqual() {
        List<Frame> frames = new ArrayList<>();
        frames.add(Frame.fromMaps(List.of(Map.of("\uFEFFa", "x"), Map.of("\uFEFFa", "y"))));
        frames.add(Frame.fromMaps(List.of(Map.of("a", "\uFEFFx"), Map.of("a", "y"))));
        frames.add(Frame.fromMaps(List.of(Map.of("a", -0.0, "b", "x"), Map.of("a", 1.0, "b", "y"))));
        frames.add(Frame.fromMaps(List.of(Map.of("a", "x\ry"), Map.of("a", "z"))));
        frames.add(Frame.fromMaps(List.of(Map.of("a", "\u0000"), Map.of("a", "z"))));
        frames.add(Frame.fromMaps(List.of(Map.of("a b", "#x", "c", "  "), Map.of("a b", "y", "c", "\t"))));
        frames.add(Frame.fromMaps(List.of(Map.of("a", "\u2028"), Map.of("a", "\u0085"))));
        frames.add(Frame.fromMaps(List.of(Map.of("a", 1e-320), Map.of("a", Double.MAX_VALUE))));
        List<String> broken = new ArrayList<>();
        try (Tracker tracker = Tracking.local(dir.resolve("store"), options())) {
            for (int i = 0; i < frames.size(); i++) {
                DatasetVersion version;
                try {
                    version = tracker.datasets().log("d" + i, frames.get(i));
                } catch (MlopsException | IllegalArgumentException refused) {
                    continue;
                }
                try {
                    Frame back = tracker.datasets().load(version);
                    if (!back.equals(frames.get(i))) {
                        broken.add("frame " + i + " loads back different: " + back);
                    }
                } catch (MlopsException e) {
                    broken.add("frame " + i + " was logged but does not load: " + e.getMessage());
                }
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    /**
     * Logging a frame that is already stored writes nothing ("stored once, by content"), yet on a
     * read-only store it fails: the dataset lock is opened for writing first.
     */
    @Test
    void reLoggingAStoredFrameOnAReadOnlyStoreNeedsAWrite() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 8)) {
            Path root = disk.path().resolve("store");
            Frame frame = frame(5);
            try (Tracker tracker = Tracking.local(root, options())) {
                tracker.datasets().log("d", frame);
            }
            disk.readOnly(true);
            try (Tracker tracker = Tracking.local(root, options())) {
                assertEquals(1, tracker.datasets().log("d", frame).version());
            } finally {
                disk.readOnly(false);
            }
        }
    }

    /** Queries of a read-only store need no write. */
    @Test
    void aReadOnlyStoreAnswersQueries() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(dir.resolve("disk"), 8)) {
            Path root = disk.path().resolve("store");
            String id;
            Frame frame = frame(5);
            try (Tracker tracker = Tracking.local(root, options())) {
                DatasetVersion d = tracker.datasets().log("d", frame);
                try (Run run = tracker.experiment("e").start("r")) {
                    id = run.id();
                    run.logInput(d, DatasetRole.TRAIN);
                    run.logMetric("acc", 0.5, 1);
                    run.logArtifact("a.txt", new byte[] {1, 2});
                }
                tracker.registry().register("m", ModelSource.opaque(new byte[] {7}).fromRun(id).trainedOn(d));
                tracker.registry().setAlias("m", "champion", 1);
            }
            disk.readOnly(true);
            List<String> broken = new ArrayList<>();
            try (Tracker tracker = Tracking.local(root, options())) {
                List<Runnable> queries = List.of(
                        () -> tracker.experiment("e").runs(),
                        () -> tracker.experiment("e").info(),
                        () -> tracker.experimentNames(),
                        () -> tracker.run(id),
                        () -> tracker.metricHistory(id, "acc"),
                        () -> tracker.artifact(id, "a.txt"),
                        () -> tracker.compare(List.of(id)),
                        () -> tracker.registry().version("m@champion"),
                        () -> tracker.registry().versions("m", true),
                        () -> tracker.registry().audit("m"),
                        () -> tracker.registry().lineage("m/1"),
                        () -> tracker.registry().versionsFromRun(id),
                        () -> tracker.registry().versionsFromDataset("d/1"),
                        () -> tracker.registry().artifact(tracker.registry().version("m/1")),
                        () -> tracker.datasets().versions("d"),
                        () -> tracker.datasets().load(tracker.datasets().version("d/1")),
                        () -> tracker.datasets().profileJson(tracker.datasets().version("d/1")));
                for (int i = 0; i < queries.size(); i++) {
                    try {
                        queries.get(i).run();
                    } catch (RuntimeException e) {
                        broken.add("query " + i + ": " + e);
                    }
                }
            } catch (RuntimeException e) {
                broken.add("open/close: " + e);
            } finally {
                disk.readOnly(false);
            }
            assertTrue(broken.isEmpty(), String.join("\n", broken));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(path)) {
            for (Path each : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    private static Frame frame(int rows) {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",x").append(i % 3).append('\n');
        }
        return Csv.reader().readString(csv.toString()).frame();
    }

    private static LocalOptions options() {
        return LocalOptions.defaults().workingDirectory(null);
    }
}
