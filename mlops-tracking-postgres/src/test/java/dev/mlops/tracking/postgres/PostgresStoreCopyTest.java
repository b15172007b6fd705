package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.StoreCopy;
import dev.mlops.tracking.Tracking;
import dev.mlops.tracking.contract.StoreSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole store moved from files to PostgreSQL and back, by the API and by the command. */
class PostgresStoreCopyTest {

    @TempDir
    Path directory;

    private static Tracker postgres(String schema) {
        return PostgresTracking.open(TestDatabase.dataSource(), PostgresOptions.defaults().schema(schema)
                .workingDirectory(null));
    }

    @Test
    void fileToPostgresAndBackGivesAStoreEqualToTheOriginalEntryByEntry() {
        String schema = TestDatabase.freshSchema();
        StoreSamples.Expected expected;
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker database = postgres(schema);
                Tracker back = Tracking.local(directory.resolve("back"))) {
            expected = StoreSamples.populate(source);
            StoreCopy.Summary there = StoreCopy.copy(source, database, StoreCopy.Progress.NONE);
            assertEquals(List.of(), StoreCopy.differences(source, database));
            StoreCopy.Summary home = StoreCopy.copy(database, back, StoreCopy.Progress.NONE);
            assertEquals(there, home);
            assertEquals(List.of(), StoreCopy.differences(source, back));
        }
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker database = postgres(schema);
                Tracker back = Tracking.local(directory.resolve("back"))) {
            // as stored, read by new trackers
            assertEquals(List.of(), StoreCopy.differences(source, database));
            assertEquals(List.of(), StoreCopy.differences(database, back));
            assertEquals(expected.loss(), database.metricHistory(expected.parentRunId(), "loss").stream()
                    .map(MetricPoint::value).toList());
            assertEquals(source.run(expected.childRunId()).ended(), database.run(expected.childRunId()).ended());
            assertEquals(expected.lastVersion() + 1, database.registry().register("churn",
                    ModelSource.opaque(new byte[] {7})).version());
        }
    }

    @Test
    void postgresToFileAndBackGivesAStoreEqualToTheOriginal() {
        String original = TestDatabase.freshSchema();
        String again = TestDatabase.freshSchema();
        try (Tracker source = postgres(original);
                Tracker files = Tracking.local(directory.resolve("files"));
                Tracker back = postgres(again)) {
            StoreSamples.Expected expected = StoreSamples.populate(source);
            StoreCopy.copy(source, files, StoreCopy.Progress.NONE);
            StoreCopy.copy(files, back, StoreCopy.Progress.NONE);
            assertEquals(List.of(), StoreCopy.differences(source, files));
            assertEquals(List.of(), StoreCopy.differences(source, back));
            assertEquals(source.metricHistory(expected.parentRunId(), "accuracy"),
                    back.metricHistory(expected.parentRunId(), "accuracy"));
        }
    }

    @Test
    void aRunStillRunningArrivesAbandonedInPostgres() {
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker database = postgres(TestDatabase.freshSchema())) {
            Run live = source.experiment("live").start("going");
            live.logMetric("m", 2.5, 4);
            live.flush();
            StoreCopy.copy(source, database, StoreCopy.Progress.NONE);
            assertEquals(RunStatus.ABANDONED, database.run(live.id()).status());
            assertEquals(2.5, database.run(live.id()).metric("m").orElseThrow());
            live.end(RunStatus.FINISHED);
        }
    }

    @Test
    void aSchemaThatHoldsAnythingIsRefused() {
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker database = postgres(TestDatabase.freshSchema())) {
            StoreSamples.populate(source);
            database.registry().createModel("mine", "", java.util.Map.of());
            ConflictException refused = assertThrows(ConflictException.class,
                    () -> StoreCopy.copy(source, database, StoreCopy.Progress.NONE));
            assertTrue(refused.getMessage().contains("model 'mine'"), refused.getMessage());
            assertEquals(List.of(), database.experimentNames());
            assertEquals(List.of("mine"), database.registry().modelNames());
        }
    }

    @Test
    void theCommandCopiesWithAProgressBarAndVerifies() throws Exception {
        try (Tracker source = Tracking.local(directory.resolve("source"))) {
            StoreSamples.populate(source);
        }
        String schema = TestDatabase.freshSchema();
        String url = TestDatabase.url() + (TestDatabase.url().contains("?") ? "&" : "?")
                + "user=postgres&password=postgres";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CopyStore.run(new String[] {"--to-schema", schema, directory.resolve("source").toString(), url},
                print(out), print(err));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("3 runs with 12,350 metric points"), summary);
        assertTrue(summary.contains("verified: the copy equals the source"), summary);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("] 100% 11/11"), err.toString(StandardCharsets.UTF_8));

        out.reset();
        err.reset();
        status = CopyStore.run(new String[] {"--from-schema", schema, url, directory.resolve("back").toString()},
                print(out), print(err));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        try (Tracker source = Tracking.local(directory.resolve("source"));
                Tracker back = Tracking.local(directory.resolve("back"))) {
            assertEquals(List.of(), StoreCopy.differences(source, back));
        }

        err.reset();
        assertEquals(1, CopyStore.run(new String[] {"--to-schema", schema, directory.resolve("source").toString(),
                url}, print(out), print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the target store is not empty"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, CopyStore.run(new String[] {directory.resolve("nothing-here").toString(),
                directory.resolve("t").toString()}, print(out), print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("there is no file store at"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(directory.resolve("nothing-here")), "a missing source is not created");
        assertEquals(2, CopyStore.run(new String[] {"only-one"}, print(out), print(err)));
        assertEquals(2, CopyStore.run(new String[] {"--bogus", "a", "b"}, print(out), print(err)));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
