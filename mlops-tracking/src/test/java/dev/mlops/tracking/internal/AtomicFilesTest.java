package dev.mlops.tracking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesCreatesDirectoriesAndReplacesWithoutLeavingTemporaryFiles() throws IOException {
        Path target = dir.resolve("runs/abc/run.json");
        AtomicFiles.write(target, "{\"status\":\"running\"}".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "{\"status\":\"finished\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"status\":\"finished\"}", Files.readString(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left beside the target");
        }
    }

    @Test
    void aFailedWriteLeavesTheTargetAsItWas() throws IOException {
        Path target = dir.resolve("run.json");
        Files.writeString(target, "old");
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where a directory should be");
        assertThrows(IOException.class, () -> AtomicFiles.write(blocked.resolve("run.json"), new byte[] {1}));
        assertEquals("old", Files.readString(target));
    }

    @Test
    void theNextWriteSweepsAKilledWritersOldLeftoversOnly() throws IOException {
        Path target = dir.resolve("run.json");
        Path old = Files.writeString(dir.resolve(".run.json123.tmp"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(1)));
        Path inProgress = Files.writeString(dir.resolve(".run.json456.tmp"), "another writer, now");
        Path otherTarget = Files.writeString(dir.resolve(".model.json789.tmp"), "half");
        Files.setLastModifiedTime(otherTarget, FileTime.from(Instant.EPOCH));

        AtomicFiles.write(target, new byte[] {1});

        assertFalse(Files.exists(old), "a leftover older than the limit is deleted");
        assertTrue(Files.exists(inProgress), "a recent temporary file may belong to a live writer");
        assertTrue(Files.exists(otherTarget), "only the written target's leftovers are swept");
    }

    @Test
    void storingABlobSweepsOldIncomingFiles() throws IOException {
        Blobs blobs = new Blobs(new StorePaths(dir.toRealPath()));
        Blobs.Stored first = blobs.put(new byte[] {1});
        Path shard = blobs.path(first.sha256()).getParent();
        Path old = Files.writeString(shard.resolve(".incoming42.tmp"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.EPOCH));
        Path root = dir.resolve("blobs/sha256");
        Path oldStreamed = Files.writeString(root.resolve(".incoming43.tmp"), "half");
        Files.setLastModifiedTime(oldStreamed, FileTime.from(Instant.EPOCH));

        // Content hashing to the same shard directory is found by trying.
        for (int i = 0; i < 50_000 && Files.exists(old); i++) {
            blobs.put(new byte[] {(byte) i, (byte) (i >> 8), 7});
        }
        assertFalse(Files.exists(old), "a later blob in the same shard swept the leftover");
        Path source = Files.writeString(dir.resolve("source.bin"), "streamed");
        blobs.put(source);
        assertFalse(Files.exists(oldStreamed));
    }
}
