package dev.mlops.tracking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs with many threads each appending to one log under the store lock; a killed lock holder. */
class MultiProcessTest {

    private static final int PROCESSES = 4;
    private static final int THREADS = 16;
    private static final int EACH = 50;

    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LockedAppender.class.getName(), dir.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + args[0] + ".out").toFile()).start();
    }

    @Test
    void fourProcessesOfSixteenThreadsLoseAndDuplicateNothing() throws Exception {
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            children.add(start("p" + p, Integer.toString(THREADS), Integer.toString(EACH)));
        }
        for (Process child : children) {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "a writer did not finish");
            assertEquals(0, child.exitValue(), () -> output(child));
        }
        RecordLog.Contents contents = RecordLog.read(dir.resolve("shared.log"));
        assertNull(contents.problem());
        Set<String> records = new HashSet<>();
        for (byte[] record : contents.records()) {
            assertTrue(records.add(new String(record, StandardCharsets.UTF_8)), "duplicate record");
        }
        assertEquals(PROCESSES * THREADS * EACH, records.size());
        for (int p = 0; p < PROCESSES; p++) {
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < EACH; i++) {
                    assertTrue(records.contains("p" + p + "/" + t + "/" + i));
                }
            }
        }
    }

    @Test
    void aKilledLockHolderDoesNotBlockTheNextWriter() throws Exception {
        Process holder = start("holder", "hold");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(dir.resolve("holding")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(Files.exists(dir.resolve("holding")), () -> output(holder));
        holder.destroyForcibly();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        String result = StoreLock.withLock(dir.resolve("store.lock"), () -> "acquired");
        assertEquals("acquired", result);
    }

    private String output(Process child) {
        try (var files = Files.list(dir)) {
            StringBuilder text = new StringBuilder();
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".out")).toList()) {
                text.append(p.getFileName()).append(": ").append(Files.readString(p)).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
