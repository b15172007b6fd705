package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log is the registry's write-ahead log: a change committed to it but cut short before
 * the model's files were written is completed when the store opens, a torn entry is cut off, and
 * an append never reads the log before the point recorded as applied.
 */
class RegistryJournalTest {

    @TempDir
    Path root;

    @Test
    void anAliasMoveStoredButNotAuditedCannotHappen() throws Exception {
        Path model = root.resolve("registry/m/model.json");
        byte[] before;
        try (Tracker tracker = open()) {
            tracker.registry().register("m", ModelSource.opaque(new byte[] {1}));
            before = Files.readAllBytes(model);
            tracker.registry().setAlias("m", "champion", 1);
        }
        Files.write(model, before); // as if the writer died after the audit entry, before model.json
        try (Tracker tracker = open()) {
            assertEquals(1, tracker.registry().version("m@champion").version());
            AuditReplay.assertConsistent(tracker.registry(), "m", "after recovery");
        }
    }

    @Test
    void aVersionRegisteredButNotAuditedCannotHappen() throws Exception {
        Path model = root.resolve("registry/m/model.json");
        byte[] before;
        try (Tracker tracker = open()) {
            tracker.registry().register("m", ModelSource.opaque(new byte[] {1}));
            before = Files.readAllBytes(model);
            tracker.registry().register("m", ModelSource.opaque(new byte[] {2}));
        }
        Files.write(model, before);
        Files.delete(root.resolve("registry/m/versions/2.json")); // died right after the audit entry
        try (Tracker tracker = open()) {
            ModelRegistry registry = tracker.registry();
            assertEquals(List.of(1, 2), registry.versions("m", true).stream().map(v -> v.version()).toList());
            assertEquals(3, registry.register("m", ModelSource.opaque(new byte[] {3})).version(),
                    "the recovered version's number is not given again");
            AuditReplay.assertConsistent(registry, "m", "after recovery");
        }
    }

    @Test
    void aDeletionWithoutAuditEntryCannotHappen() throws Exception {
        Path model = root.resolve("registry/m/model.json");
        Path version = root.resolve("registry/m/versions/1.json");
        byte[] modelBefore;
        byte[] versionBefore;
        try (Tracker tracker = open()) {
            tracker.registry().register("m", ModelSource.opaque(new byte[] {1}));
            tracker.registry().register("m", ModelSource.opaque(new byte[] {2}));
            modelBefore = Files.readAllBytes(model);
            versionBefore = Files.readAllBytes(version);
            tracker.registry().delete("m/1");
        }
        Files.write(model, modelBefore);
        Files.write(version, versionBefore); // died after the audit entry, before the file went
        try (Tracker tracker = open()) {
            assertEquals(List.of(2), tracker.registry().versions("m", true).stream().map(v -> v.version()).toList());
            AuditReplay.assertConsistent(tracker.registry(), "m", "after recovery");
        }
    }

    @Test
    void aReaderInAnotherTrackerSeesAChangeCompletedWithoutReopening() throws Exception {
        Path model = root.resolve("registry/m/model.json");
        try (Tracker reader = open()) {
            byte[] before;
            try (Tracker writer = open()) {
                writer.registry().register("m", ModelSource.opaque(new byte[] {1}));
                before = Files.readAllBytes(model);
                writer.registry().review("m/1", ReviewState.APPROVED, "ana", "good");
                writer.registry().setAlias("m", "champion", 1);
            }
            Files.write(model, before);
            assertEquals(1, reader.registry().version("m@champion").version());
            AuditReplay.assertConsistent(reader.registry(), "m", "read without reopening");
        }
    }

    @Test
    void aTornAuditEntryIsCutOffAndChangesGoOn() throws Exception {
        Path audit = root.resolve("registry/m/audit.log");
        try (Tracker tracker = open()) {
            tracker.registry().register("m", ModelSource.opaque(new byte[] {1}));
        }
        Files.write(audit, new byte[] {0, 0, 1, 0, 7, 7}, StandardOpenOption.APPEND); // a killed append
        try (Tracker tracker = open()) {
            tracker.registry().setAlias("m", "live", 1);
            assertEquals(List.of("create-model", "register", "set-alias"),
                    tracker.registry().audit("m").stream().map(e -> e.action()).toList());
            AuditReplay.assertConsistent(tracker.registry(), "m", "after the torn entry");
        }
    }

    @Test
    void everyAuditAppendReReadsTheWholeAuditLog() throws Exception {
        Path audit = root.resolve("registry/m/audit.log");
        try (Tracker tracker = open()) {
            tracker.registry().register("m", ModelSource.opaque(new byte[] {1}));
            tracker.registry().setAlias("m", "a", 1);
        }
        byte[] bytes = Files.readAllBytes(audit);
        bytes[20] ^= 0x55; // damage the first entry: only a reader of the whole log can notice
        Files.write(audit, bytes);
        try (Tracker tracker = open()) {
            tracker.registry().setAlias("m", "b", 1); // appends after the applied end, reading nothing before it
            tracker.registry().removeAlias("m", "a");
            assertEquals(1, tracker.registry().version("m@b").version());
            StoreException error = assertThrows(StoreException.class, () -> tracker.registry().audit("m"));
            assertTrue(error.getMessage().contains(audit.toString()) && error.getMessage().contains("damaged"),
                    error.getMessage());
        }
    }

    private Tracker open() {
        return Tracking.local(root, LocalOptions.defaults().workingDirectory(null));
    }
}
