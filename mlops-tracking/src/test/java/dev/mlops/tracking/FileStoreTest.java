package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.profile.DataProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file store promises: its layout, corruption reports and crashed-run detection. */
class FileStoreTest {

    @TempDir
    Path root;

    private Tracker open() {
        return Tracking.local(root, LocalOptions.defaults().workingDirectory(null));
    }

    @Test
    void theLayoutIsHumanReadableJson() throws Exception {
        String id;
        try (Tracker tracker = open(); Run run = tracker.experiment("layout").start("one")) {
            run.logParam("lr", "0.1");
            id = run.id();
        }
        String json = Files.readString(root.resolve("runs").resolve(id).resolve("run.json"));
        assertTrue(json.contains("\"lr\" : \"0.1\""), json);
        assertTrue(json.contains("\"status\" : \"FINISHED\""), json);
        assertTrue(Files.exists(root.resolve("experiments/layout/experiment.json")));
        assertTrue(Files.readString(root.resolve("store.json")).contains("\"format\" : 1"));
    }

    @Test
    void aHandEditedRunFileIsReportedWithItsName() throws Exception {
        String id;
        try (Tracker tracker = open(); Run run = tracker.experiment("edit").start()) {
            id = run.id();
        }
        Path file = root.resolve("runs").resolve(id).resolve("run.json");
        Files.writeString(file, Files.readString(file).replace("\"status\"", "\"statsu\""));
        try (Tracker tracker = open()) {
            StoreException error = assertThrows(StoreException.class, () -> tracker.run(id));
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("'status' is missing"), error.getMessage());
        }
        Files.writeString(file, "{ truncated");
        try (Tracker tracker = open()) {
            StoreException error = assertThrows(StoreException.class, () -> tracker.run(id));
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    @Test
    void aStoreOfAnUnknownFormatIsRefused() throws Exception {
        open().close();
        Files.writeString(root.resolve("store.json"), "{\"format\": 99, \"createdBy\": \"future\"}");
        StoreException error = assertThrows(StoreException.class, this::open);
        assertTrue(error.getMessage().contains("format 99"), error.getMessage());
    }

    @Test
    void tamperedContentIsRefusedOnRead() throws Exception {
        try (Tracker tracker = open()) {
            ModelVersion version = tracker.registry().register("m", ModelSource.opaque("model-bytes".getBytes(
                    StandardCharsets.UTF_8)));
            String sha = version.artifactSha256();
            Path blob = root.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
            Files.writeString(blob, "gadget");
            StoreException error = assertThrows(StoreException.class, () -> tracker.registry().artifact(version));
            assertTrue(error.getMessage().contains("damaged"), error.getMessage());
        }
    }

    @Test
    void aDamagedBlobIsHealedWhenItsContentIsStoredAgain() throws Exception {
        byte[] content = "model-bytes".getBytes(StandardCharsets.UTF_8);
        try (Tracker tracker = open()) {
            ModelVersion version = tracker.registry().register("m", ModelSource.opaque(content));
            String sha = version.artifactSha256();
            Path blob = root.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
            Files.write(blob, java.util.Arrays.copyOf(content, 5)); // truncated
            assertThrows(StoreException.class, () -> tracker.registry().artifact(version));
            Run run = tracker.experiment("e").start();
            run.logArtifact("a.txt", content);
            assertArrayEquals(content, tracker.artifact(run.id(), "a.txt"));
            assertArrayEquals(content, tracker.registry().artifact(version), "the registered version reads again");
            Files.write(blob, "model-bytez".getBytes(StandardCharsets.UTF_8)); // same size, one byte flipped
            Path file = Files.writeString(root.resolveSibling("model.bin"), "model-bytes");
            run.logArtifact("b.bin", file);
            assertArrayEquals(content, tracker.artifact(run.id(), "b.bin"), "healed from a streamed file too");
            run.close();
        }
    }

    @Test
    void loggingTheSameDatasetTwiceStoresNothingNew() throws Exception {
        try (Tracker tracker = open()) {
            dev.mlops.api.Frame frame = dev.mlops.core.data.Csv.reader().readString("a,b\n1,x\n2,y\n").frame();
            tracker.datasets().log("d", frame);
            long files = countFiles();
            tracker.datasets().log("d", frame);
            tracker.datasets().log("other", frame);
            assertEquals(files + 1, countFiles(), "only the second name's version file is new");
        }
    }

    @Test
    void aWideDatasetIsLoggedWithABoundedProfile() throws Exception {
        // issue 11, item 9: a 5,000-column frame used to compute every pairwise correlation when logged
        List<Column> columns = new ArrayList<>();
        Random random = new Random(9);
        for (int c = 0; c < 5_000; c++) {
            columns.add(NumericColumn.of("c" + c, random.doubles(20).toArray()));
        }
        try (Tracker tracker = open()) {
            DatasetVersion version = tracker.datasets().log("wide", Frame.of(columns));
            String json = tracker.datasets().profileJson(version).orElseThrow();
            DataProfile profile = DataProfile.fromJson(json);
            assertEquals(200, profile.pearson().size());
            assertTrue(profile.correlationScope().truncated());
            assertEquals(5_000, profile.columns().size());
            assertTrue(json.length() < 10_000_000, "profile JSON of " + json.length() + " chars");
        }
    }

    private long countFiles() throws Exception {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".lock")).count();
        }
    }

    @Test
    void aRunWhoseProcessDiedIsAbandoned() throws Exception {
        Process child = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                OpenRunAndWait.class.getName(), root.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String id = new String(child.getInputStream().readNBytes(33), StandardCharsets.US_ASCII).trim();
        try (Tracker tracker = open()) {
            assertEquals(RunStatus.RUNNING, tracker.run(id).status());
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            RunInfo info = tracker.run(id);
            assertEquals(RunStatus.ABANDONED, info.status());
            assertTrue(info.status().isTerminal());
            assertEquals(List.of(id), tracker.experiment("crashy").search(dev.mlops.api.tracking.RunQuery.all()
                    .status(RunStatus.ABANDONED)).runs().stream().map(RunInfo::id).toList());
        } finally {
            child.destroyForcibly();
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The command that starts a child JVM running {@code mainClass} on the test classpath, tuned to
     * start fast: the crash tests start dozens that each live a second or two, so C2, a parallel
     * collector and more compiler threads only cost start-up time on a 2-core machine.
     */
    static java.util.List<String> childJava(String mainClass, String... arguments) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(java.util.List.of(arguments));
        return command;
    }

    /** Child process: opens a run, prints its id, and waits to be killed. */
    public static final class OpenRunAndWait {
        public static void main(String[] args) throws Exception {
            Tracker tracker = Tracking.local(Path.of(args[0]), LocalOptions.defaults().workingDirectory(null));
            Run run = tracker.experiment("crashy").start();
            System.out.println(run.id());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }


    @Test
    void theSameStoreThroughTwoPathsInOneJvm() throws Exception {
        Path real = Files.createDirectories(root.resolve("real"));
        Path link = Files.createSymbolicLink(root.resolve("link"), real);
        int threads = 8;
        int each = 25;
        try (Tracker direct = Tracking.local(real, LocalOptions.defaults().workingDirectory(null));
                Tracker linked = Tracking.local(link, LocalOptions.defaults().workingDirectory(null))) {
            TwoPathRegistrations.assertExclusive(direct, linked, threads, each);
        }
    }

    @Test
    void closingAReadOnlyStoreWithAnAttachedRunNeedsNoWrite() throws Exception {
        try (ScratchDisk disk = ScratchDisk.mount(root.resolve("disk"), 8)) {
            Path store = disk.path().resolve("store");
            String id;
            Tracker writer = Tracking.local(store, LocalOptions.defaults().workingDirectory(null));
            Run running = writer.experiment("e").start("still-running");
            running.logMetric("loss", 1, 1);
            id = running.id();
            writer.registry().register("m", ModelSource.opaque(new byte[] {1}));
            writer.close(); // the run is left RUNNING: its owner (this JVM) is alive
            disk.readOnly(true);
            try {
                try (Tracker reader = Tracking.local(store, LocalOptions.defaults().workingDirectory(null))) {
                    Run attached = reader.attach(id);
                    assertEquals(1, reader.metricHistory(id, "loss").size());
                    assertEquals(1, reader.registry().versions("m", true).size());
                    assertEquals(1, reader.experiment("e").runs().size());
                    attached.close();
                }
                try (Tracker reader = Tracking.local(store, LocalOptions.defaults().workingDirectory(null))) {
                    reader.attach(id); // left open: the tracker's close flushes it, with nothing to write
                }
            } finally {
                disk.readOnly(false);
            }
        }
    }

    @Test
    void aDamagedDatasetIsHealedWhenTheSameFrameIsLoggedAgain() throws Exception {
        dev.mlops.api.Frame frame = dev.mlops.core.data.Csv.reader().readString("a,b\n1,x\n2,y\n").frame();
        try (Tracker tracker = open()) {
            var version = tracker.datasets().log("d", frame);
            String sha = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    root.resolve("datasets/d/versions/1.json").toFile()).path("contentSha256").asText();
            Path blob = root.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
            Files.writeString(blob, "a,b\n1,x\n");
            assertThrows(StoreException.class, () -> tracker.datasets().load(version));
            assertEquals(1, tracker.datasets().log("d", frame).version(), "the same content keeps its version");
            assertEquals(frame, tracker.datasets().load(version));
        }
    }
}
