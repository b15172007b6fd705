package dev.mlops.tracking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with {@code kill -9} ({@link Process#destroyForcibly()}) at random moments,
 * many times over the same store; after every kill the store opens, every acknowledged write is
 * present, nothing is duplicated and no file is unreadable. The regular suite runs
 * {@value #DEFAULT_KILLS} kills; set {@code -Dmlops.crash.kills=500} for the stress setting:
 * {@code mvn -B -q -pl mlops-tracking -am test -Dtest=CrashSafetyTest -Dsurefire.failIfNoSpecifiedTests=false -Dmlops.crash.kills=500}.
 */
class CrashSafetyTest {

    static final int DEFAULT_KILLS = 20;
    private static final Pattern LAST = Pattern.compile("\\{\"last\":(\\d+),\"padding\":\"x*\"}");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        int kills = Integer.getInteger("mlops.crash.kills", DEFAULT_KILLS);
        SplittableRandom random = new SplittableRandom(Long.getLong("mlops.crash.seed", 7));
        String java = ProcessHandle.current().info().command().orElse("java");
        long acknowledgedBefore = 0;
        for (int kill = 0; kill < kills; kill++) {
            // started to live a second or two: C1 only, one compiler thread, the serial collector
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-XX:CICompilerCount=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dir.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.out").toFile()).start();
            long target = acknowledgedBefore + 1 + random.nextInt(400);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledgedLines() < target && child.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(child.isAlive(), () -> "the writer stopped on its own: " + childOutput());
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            acknowledgedBefore = verify(kill);
        }
    }

    /** Checks the store against the acknowledgements; returns how many lines were acknowledged. */
    private long verify(int kill) throws IOException {
        List<String> acks = Files.readAllLines(dir.resolve("acknowledged"), StandardCharsets.UTF_8);
        int lastLog = -1;
        int lastMeta = -1;
        for (String line : acks) {
            if (line.startsWith("L ")) {
                lastLog = Math.max(lastLog, Integer.parseInt(line.substring(2)));
            } else if (line.startsWith("M ")) {
                lastMeta = Math.max(lastMeta, Integer.parseInt(line.substring(2)));
            }
        }
        RecordLog.Contents log = RecordLog.read(dir.resolve("metrics.log"));
        assertTrue(log.records().size() >= lastLog + 1, "kill " + kill + ": acknowledged record " + lastLog
                + " is missing; the log holds " + log.records().size());
        for (int i = 0; i < log.records().size(); i++) {
            assertEquals("record " + i, new String(log.records().get(i), StandardCharsets.UTF_8),
                    "kill " + kill + ": records are in order without gaps or repeats");
        }
        String meta = Files.readString(dir.resolve("run.json"));
        Matcher matcher = LAST.matcher(meta);
        assertTrue(matcher.matches(), "kill " + kill + ": run.json is whole: " + meta);
        assertTrue(Integer.parseInt(matcher.group(1)) >= lastMeta, "kill " + kill + ": run.json is not older than"
                + " its last acknowledged rewrite");
        try (RecordLog reopened = RecordLog.open(dir.resolve("metrics.log"), false)) {
            assertNull(RecordLog.read(dir.resolve("metrics.log")).problem(), "reopening repairs any torn tail");
            assertEquals(log.records().size(), reopened.recovered().records().size());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.allMatch(p -> !p.getFileName().toString().endsWith(".tmp")
                    || p.getFileName().toString().startsWith(".run.json")), "only a rewrite's temp file may remain");
        }
        return acks.size();
    }

    private long acknowledgedLines() throws IOException {
        Path acks = dir.resolve("acknowledged");
        if (!Files.exists(acks)) {
            return 0;
        }
        long lines = 0;
        for (byte b : Files.readAllBytes(acks)) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private String childOutput() {
        try {
            return Files.readString(dir.resolve("child.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
