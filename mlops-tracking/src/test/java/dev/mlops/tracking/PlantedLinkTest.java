package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.mlops.api.MlopsException;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.data.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links planted inside the store, at the store's own fixed-name files and folders (not
 * only at names users give), are never followed: every operation either works without touching
 * the link's target or fails with a {@link StoreException} naming the link, and nothing outside
 * the root is read into the store, created, truncated or overwritten.
 */
class PlantedLinkTest {

    /** How a link is planted: to a copy of what was there, to an empty place, or dangling. */
    enum Kind { TO_COPY, TO_EMPTY, DANGLING }

    @TempDir
    Path sandbox;

    private String runId;
    private String blobDirectory;

    @Test
    void aLinkedMetricsLogIsNotOverwritten() throws Exception {
        Path root = populate(sandbox.resolve("store"));
        Path outside = Files.writeString(sandbox.resolve("precious.txt"), "do not touch");
        Path log = root.resolve("runs").resolve(runId).resolve("metrics.log");
        Files.delete(log);
        Files.createSymbolicLink(log, outside);
        Tracker tracker = Tracking.local(root, options());
        Run run = tracker.attach(runId);
        run.logMetric("loss", 1, 1);
        StoreException error = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, run::flush);
        assertTrue(error.getMessage().contains(log.toString()), error.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, tracker::close, "the point is still held");
        assertEquals("do not touch", Files.readString(outside));
    }

    @Test
    void aLinkedAuditLogIsNotOverwritten() throws Exception {
        Path root = populate(sandbox.resolve("store"));
        Path outside = Files.writeString(sandbox.resolve("precious.txt"), "do not touch");
        Path audit = root.resolve("registry/m/audit.log");
        Files.delete(audit);
        Files.createSymbolicLink(audit, outside);
        try (Tracker tracker = Tracking.local(root, options())) {
            StoreException error = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                    () -> tracker.registry().setAlias("m", "champion", 1));
            assertTrue(error.getMessage().contains(audit.toString()), error.getMessage());
        } catch (StoreException atOpen) {
            assertTrue(atOpen.getMessage().contains(audit.toString()), atOpen.getMessage());
        }
        assertEquals("do not touch", Files.readString(outside));
    }

    @Test
    void aLinkPlantedAtAnyFixedNameIsNeverFollowed() throws Exception {
        List<String> targets = fixedNames();
        int[] counter = {0};
        qt().withExamples(targets.size() * 2).forAll(integers().between(0, targets.size() - 1),
                integers().between(0, Kind.values().length - 1)).checkAssert((which, kind) -> {
            Path round = sandbox.resolve("round" + counter[0]++);
            try {
                plantAndAttack(round, targets.get(which), Kind.values()[kind]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void plantAndAttack(Path round, String relative, Kind kind) throws IOException {
        Path root = populate(round.resolve("store"));
        Path planted = root.resolve(relative.replace("<run>", runId).replace("<blob>", blobDirectory));
        Path outside = round.resolve("outside");
        Files.createDirectories(outside);
        boolean directory = Files.isDirectory(planted, LinkOption.NOFOLLOW_LINKS);
        Path target = outside.resolve("target");
        switch (kind) {
            case TO_COPY -> copyTree(planted, target);
            case TO_EMPTY -> {
                if (directory) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, "precious");
                }
            }
            case DANGLING -> { }
        }
        deleteTree(planted);
        Files.createSymbolicLink(planted, target);
        Map<String, String> before = snapshot(outside);
        List<String> errors = attack(root);
        assertEquals(before, snapshot(outside), relative + " (" + kind + "): something outside the root changed;"
                + " errors were " + errors);
        // store.lock is only taken to create a store, so with a store in place nothing opens it
        assertTrue(relative.equals("store.lock") || errors.stream().anyMatch(e -> e.contains(planted.toString())),
                relative + " (" + kind
                + "): no error named the planted link " + planted + "; errors were " + errors);
    }

    /** Every kind of operation; returns the messages of the store errors they gave. */
    private List<String> attack(Path root) {
        List<String> errors = new ArrayList<>();
        List<Runnable> operations = new ArrayList<>();
        Tracker[] tracker = new Tracker[1];
        operations.add(() -> tracker[0] = Tracking.local(root, options()));
        operations.add(() -> {
            try (Run run = tracker[0].experiment("e").start("new")) {
                run.logParam("p", "1");
                run.logMetric("loss", 1, 1);
                run.logArtifact("a.txt", "artifact".getBytes(StandardCharsets.UTF_8));
            }
        });
        operations.add(() -> {
            try (Run run = tracker[0].attach(runId)) {
                run.tag("t", "2");
                run.logMetric("loss", 2, 2);
            }
        });
        operations.add(() -> tracker[0].metricHistory(runId, "loss"));
        operations.add(() -> tracker[0].artifact(runId, "a.txt"));
        operations.add(() -> tracker[0].experiment("e").runs());
        operations.add(() -> tracker[0].experimentNames());
        operations.add(() -> tracker[0].registry().register("m", ModelSource.opaque(new byte[] {9})));
        operations.add(() -> tracker[0].registry().review("m/1", ReviewState.APPROVED, "ana", "ok"));
        operations.add(() -> tracker[0].registry().setAlias("m", "champion", 1));
        operations.add(() -> tracker[0].registry().versions("m", true));
        operations.add(() -> tracker[0].registry().artifact(tracker[0].registry().version("m/1")));
        operations.add(() -> tracker[0].registry().audit("m"));
        operations.add(() -> tracker[0].registry().modelNames());
        operations.add(() -> tracker[0].datasets().log("d", Csv.reader().readString("x\n3\n").frame()));
        operations.add(() -> tracker[0].datasets().load(tracker[0].datasets().version("d/1")));
        operations.add(() -> tracker[0].datasets().names());
        for (Runnable operation : operations) {
            if (tracker[0] == null && !errors.isEmpty()) {
                break; // the store did not open: nothing else can run
            }
            try {
                operation.run();
            } catch (StoreException e) {
                errors.add(e.getMessage());
            } catch (MlopsException e) {
                errors.add(e.getClass().getSimpleName() + ": " + e.getMessage()); // not found, conflict: fine
            } catch (RuntimeException e) {
                fail("an operation failed with " + e + " instead of a store error", e);
            }
        }
        if (tracker[0] != null) {
            try {
                tracker[0].close();
            } catch (StoreException e) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    /** A store with one of everything: experiment, run with metrics and an artifact, model, dataset. */
    private Path populate(Path root) {
        try (Tracker tracker = Tracking.local(root, options())) {
            Run run = tracker.experiment("e").start("r");
            runId = run.id();
            run.logMetric("loss", 0.5, 0);
            run.logArtifact("a.txt", "artifact".getBytes(StandardCharsets.UTF_8));
            run.flush();
            var version = tracker.registry().register("m", ModelSource.opaque(new byte[] {1, 2, 3}));
            blobDirectory = version.artifactSha256().substring(0, 2);
            tracker.datasets().log("d", Csv.reader().readString("x\n1\n2\n").frame());
        }
        return root;
    }

    private static List<String> fixedNames() {
        return List.of("store.json", "store.lock", "runs", "runs/<run>", "runs/<run>/run.json",
                "runs/<run>/metrics.log", "runs/<run>/metrics.lock", "runs/<run>/run.lock", "experiments",
                "experiments/e", "experiments/e/experiment.json", "experiments/e/changes.log",
                "experiments/e/changes.lock", "registry", "registry/m", "registry/m/model.json",
                "registry/m/audit.log", "registry/m/model.lock", "registry/m/versions", "registry/m/versions/1.json",
                "blobs", "blobs/sha256", "blobs/sha256/<blob>", "datasets", "datasets/d", "datasets/d/versions",
                "datasets/d/dataset.lock", "datasets/d/versions/1.json");
    }

    private static Map<String, String> snapshot(Path directory) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path path : all.toList()) {
                String key = directory.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    files.put(key, "link " + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path)) {
                    files.put(key, java.util.HexFormat.of().formatHex(Files.readAllBytes(path)));
                } else {
                    files.put(key, "directory");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path path : all.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> all = Files.walk(path)) {
            for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    private static LocalOptions options() {
        return LocalOptions.defaults().workingDirectory(null);
    }
}
