package dev.mlops.tracking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
