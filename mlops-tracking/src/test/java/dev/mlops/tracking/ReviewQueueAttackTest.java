package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adversarial probes of the file store's review queue. */
class ReviewQueueAttackTest {

    @TempDir
    Path dir;

    private Tracker open() {
        return Tracking.local(dir, LocalOptions.defaults().workingDirectory(null));
    }

    private static ReviewItem item(String id) {
        return new ReviewItem(id, "live", "income", 1, Map.of("age", 30.0, "city", "lima"), ">50K", 0.51,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private Path log() {
        return dir.resolve("reviews").resolve("q").resolve("queue.log");
    }

    /** The byte offsets where each record starts. */
    private static long[] starts(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long[] found = new long[64];
        int n = 0;
        int at = 0;
        while (at < bytes.length) {
            found[n++] = at;
            at += 8 + buffer.getInt(at);
        }
        return java.util.Arrays.copyOf(found, n);
    }

    /**
     * One flipped byte inside the first of three acknowledged records: a fresh reader must fail with a
     * StoreException, not silently show a queue without the later acknowledged items, and a write must
     * never cut those items off.
     */
    @Test
    void aFlippedByteMidLogIsReportedAndNeverCutsOffAcknowledgedItems() throws Exception {
        try (Tracker tracker = open()) {
            ReviewQueue queue = tracker.reviewQueue("q", 100);
            assertTrue(queue.offer(item("a")));
            assertTrue(queue.offer(item("b")));
            assertTrue(queue.offer(item("c")));
        }
        byte[] bytes = Files.readAllBytes(log());
        long[] starts = starts(bytes);
        assertEquals(3, starts.length);
        bytes[(int) starts[0] + 20] ^= 0x01; // a bit rots inside record "a"
        Files.write(log(), bytes);
        long sizeBefore = bytes.length;
        try (Tracker tracker = open()) {
            ReviewQueue queue = tracker.reviewQueue("q", 100);
            List<String> seen;
            try {
                seen = queue.pending(100).stream().map(ReviewItem::id).toList();
            } catch (StoreException expected) {
                seen = null;
            }
            boolean offered;
            try {
                offered = queue.offer(item("d"));
            } catch (StoreException expected) {
                offered = false;
            }
            long sizeAfter = Files.size(log());
            String what = "a corrupt log read silently as " + seen + " (b and c were acknowledged); then offer(d)"
                    + " returned " + offered + " and the log went from " + sizeBefore + " to " + sizeAfter + " bytes";
            assertTrue(sizeAfter >= sizeBefore, what + ": acknowledged items b and c were cut off");
            assertTrue(seen == null, what);
        }
    }

    /** NaN and infinities would not read back as the numbers they were: an item refuses them. */
    @Test
    void nonFiniteValuesAreRefusedByTheItem() {
        for (Object bad : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("x", bad);
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> new ReviewItem("n", "live", "income", 1, features, ">50K",
                            0.5, Instant.parse("2026-01-01T00:00:00Z")));
            assertTrue(refused.getMessage().contains("'x'"), refused.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ReviewItem("n",
                    "live", "income", 1, Map.of(), bad, 0.5, Instant.parse("2026-01-01T00:00:00Z")));
        }
    }

    /** A record with a valid checksum but a kind nobody wrote must be refused clearly. */
    @Test
    void aValidRecordOfUnknownKindIsAStoreException() throws Exception {
        try (Tracker tracker = open()) {
            assertTrue(tracker.reviewQueue("q", 10).offer(item("a")));
        }
        byte[] payload = "{\"kind\":\"purge\",\"item\":null,\"review\":null}".getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(8 + payload.length).putInt(payload.length).putInt((int) crc.getValue())
                .put(payload);
        Files.write(log(), frame.array(), StandardOpenOption.APPEND);
        try (Tracker tracker = open()) {
            StoreException e = assertThrows(StoreException.class, () -> tracker.reviewQueue("q", 10).pending(10));
            assertTrue(e.getMessage().contains("purge"), e.getMessage());
        }
    }

    /** An item too large for one record is refused and leaves the queue usable. */
    @Test
    void aHugeItemIsRefusedAndTheQueueStaysUsable() {
        try (Tracker tracker = open()) {
            ReviewQueue queue = tracker.reviewQueue("q", 10);
            String huge = "\u0000".repeat(3_000_000); // 18 MB once escaped as JSON
            try {
                queue.offer(new ReviewItem("h", "live", "m", 1, Map.of("blob", huge), "x", 0.5, Instant.EPOCH));
                fail("an item larger than a record was taken");
            } catch (RuntimeException refused) {
                // expected; any clear refusal
            }
            assertTrue(queue.offer(item("a")));
            assertEquals(List.of("a"), queue.pending(10).stream().map(ReviewItem::id).toList());
        }
    }
}
