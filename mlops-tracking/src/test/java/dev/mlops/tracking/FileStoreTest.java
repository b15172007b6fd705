package dev.mlops.tracking;

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
            ModelVersion version = tracker.registry().register("m", ModelSource.of("model-bytes".getBytes(
                    StandardCharsets.UTF_8)));
            String sha = version.artifactSha256();
            Path blob = root.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
            Files.writeString(blob, "gadget");
            StoreException error = assertThrows(StoreException.class, () -> tracker.registry().artifact(version));
            assertTrue(error.getMessage().contains("damaged"), error.getMessage());
            Run run = tracker.experiment("e").start();
            run.logArtifact("a.txt", "model-bytes".getBytes(StandardCharsets.UTF_8));
            assertThrows(StoreException.class, () -> tracker.artifact(run.id(), "a.txt"));
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
                OpenRunAndWait.class.getName(), root.toString()).redirectErrorStream(true).start();
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

}
