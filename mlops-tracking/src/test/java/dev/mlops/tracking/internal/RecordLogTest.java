package dev.mlops.tracking.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLogTest {

    @TempDir
    Path dir;

    private static byte[] record(int i) {
        return ("{\"metric\":\"loss\",\"step\":" + i + ",\"value\":" + (1.0 / (i + 1)) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Path written(int count) throws IOException {
        Path file = dir.resolve("metrics-" + count + ".log");
        try (RecordLog log = RecordLog.open(file, false)) {
            for (int i = 0; i < count; i++) {
                log.append(record(i));
            }
        }
        return file;
    }

    /** Byte offsets where each record ends. */
    private static long[] ends(int count) {
        long[] ends = new long[count];
        long at = 0;
        for (int i = 0; i < count; i++) {
            at += 8 + record(i).length;
            ends[i] = at;
        }
        return ends;
    }

    private static void assertPrefix(List<byte[]> records, int expected) {
        assertEquals(expected, records.size());
        for (int i = 0; i < expected; i++) {
            assertArrayEquals(record(i), records.get(i), "record " + i);
        }
    }

    @Test
    void recordsRoundTripInOrder() throws IOException {
        RecordLog.Contents contents = RecordLog.read(written(100));
        assertPrefix(contents.records(), 100);
        assertNull(contents.problem());
        assertFalse(contents.hasInvalidTail());
        assertEquals(0, RecordLog.read(dir.resolve("absent.log")).records().size());
    }

    @Test
    void truncationAtEveryByteOfTheLastRecordsKeepsExactlyTheValidPrefix() throws IOException {
        int count = 12;
        byte[] full = Files.readAllBytes(written(count));
        long[] ends = ends(count);
        Path cut = dir.resolve("cut.log");
        for (int length = (int) ends[count - 4]; length <= full.length; length++) {
            Files.write(cut, Arrays.copyOf(full, length));
            RecordLog.Contents contents = RecordLog.read(cut);
            int complete = 0;
            while (complete < count && ends[complete] <= length) {
                complete++;
            }
            assertPrefix(contents.records(), complete);
            boolean atBoundary = length == ends[complete == 0 ? 0 : complete - 1] || length == 0;
            assertEquals(!atBoundary, contents.problem() != null, "length " + length + ": " + contents.problem());
            assertEquals(complete == 0 ? 0 : ends[complete - 1], contents.validLength());
        }
    }

    @Test
    void everyFlippedBitIsDetectedAndOnlyTheRecordsBeforeItAreKept() throws IOException {
        int count = 20;
        byte[] full = Files.readAllBytes(written(count));
        long[] ends = ends(count);
        Path flipped = dir.resolve("flipped.log");
        qt().withExamples(1_000).forAll(integers().between(0, full.length * 8 - 1)).checkAssert(bit -> {
            byte[] damaged = full.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                Files.write(flipped, damaged);
                RecordLog.Contents contents = RecordLog.read(flipped);
                int hit = 0;
                while (ends[hit] <= bit / 8) {
                    hit++;
                }
                assertPrefix(contents.records(), hit);
                assertNotNull(contents.problem());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void zeroFilledTailsAreNotReadAsRecords() throws IOException {
        Path file = written(3);
        Files.write(file, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
        RecordLog.Contents contents = RecordLog.read(file);
        assertPrefix(contents.records(), 3);
        assertTrue(contents.hasInvalidTail());
        assertThrows(IllegalArgumentException.class, () -> {
            try (RecordLog log = RecordLog.open(dir.resolve("e.log"), false)) {
                log.append(new byte[0]);
            }
        });
    }

    @Test
    void openingCutsAnInvalidTailAndAppendsAfterTheValidPrefix() throws IOException {
        Path file = written(5);
        byte[] full = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(full, full.length - 3));
        try (RecordLog log = RecordLog.open(file, true)) {
            assertTrue(log.recovered().hasInvalidTail());
            assertEquals(4, log.recovered().records().size());
            log.append(record(4));
        }
        RecordLog.Contents contents = RecordLog.read(file);
        assertPrefix(contents.records(), 5);
        assertNull(contents.problem());
    }

    @Test
    void concurrentAppendsAreNeitherLostNorInterleaved() throws Exception {
        Path file = dir.resolve("concurrent.log");
        int threads = 8;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (RecordLog log = RecordLog.open(file, false)) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        log.append((thread + ":" + i).getBytes(StandardCharsets.UTF_8));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        RecordLog.Contents contents = RecordLog.read(file);
        assertNull(contents.problem());
        assertEquals(threads * each, contents.records().size());
        assertEquals(threads * each, contents.records().stream().map(r -> new String(r, StandardCharsets.UTF_8))
                .distinct().count());
    }
}
