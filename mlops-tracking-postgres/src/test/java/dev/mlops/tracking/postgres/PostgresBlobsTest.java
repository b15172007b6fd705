package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files logged as artifacts are streamed into the store's bodies, never held in memory whole. */
class PostgresBlobsTest {

    private static final int CHUNK = 1 << 20; // DatabaseBlobs.CHUNK

    @TempDir
    Path dir;

    private static PostgresOptions options(String schema) {
        return PostgresOptions.defaults().schema(schema).actor("tester").workingDirectory(null);
    }

    @Test
    void aFileOfSeveralChunksIsStoredAndReadsBackEqualInEitherBlobStore() throws Exception {
        byte[] content = new byte[3 * CHUNK + CHUNK / 2 + 7]; // three whole chunks and a part
        new Random(11).nextBytes(content);
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("big.bin"), content);
        Files.writeString(data.resolve("small.txt"), "small");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        for (Path shared : new Path[] {null, dir.resolve("shared")}) {
            String schema = TestDatabase.freshSchema();
            PostgresOptions options = shared == null ? options(schema) : options(schema).blobsIn(shared);
            try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options)) {
                for (int time = 0; time < 2; time++) { // the second finds the body stored and intact
                    String id;
                    try (Run run = tracker.experiment("streamed").start()) {
                        id = run.id();
                        run.logArtifact("data", data);
                    }
                    ArtifactInfo big = tracker.run(id).artifact("data/big.bin").orElseThrow();
                    assertEquals(sha, big.sha256());
                    assertEquals(content.length, big.size());
                    assertArrayEquals(content, tracker.artifact(id, "data/big.bin"));
                    assertEquals("small", new String(tracker.artifact(id, "data/small.txt"),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            if (shared == null) {
                assertEquals(List.of(4L, 4L), chunks(schema, sha), "recorded and written in four chunks");
            } else {
                assertEquals(List.of(), chunks(schema, sha), "the bodies are in the directory");
            }
        }
    }

    /**
     * A child JVM with a 24 MiB heap logs a 40 MiB file: it holds a chunk at a time, never the file
     * (reading the file into one array fails with an OutOfMemoryError).
     */
    @Test
    void aFileLargerThanTheHeapIsStored() throws Exception {
        String schema = TestDatabase.freshSchema();
        Path file = dir.resolve("big.bin");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(5);
        byte[] piece = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 40; i++) {
                random.nextBytes(piece);
                digest.update(piece);
                out.write(piece);
            }
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options(schema))) {
            Path output = dir.resolve("worker.out");
            Process worker = Workers.start(output, List.of("-Xmx24m"), "artifact", TestDatabase.url(), schema,
                    file.toString());
            assertTrue(worker.waitFor(120, TimeUnit.SECONDS), "the worker did not finish");
            String out = Files.readString(output);
            assertEquals(0, worker.exitValue(), out);
            String id = out.lines().filter(line -> line.startsWith("run=")).findFirst().orElseThrow()
                    .substring("run=".length());
            ArtifactInfo big = tracker.run(id).artifact("big.bin").orElseThrow();
            assertEquals(sha, big.sha256());
            assertEquals(40L * CHUNK, big.size());
            byte[] read = tracker.artifact(id, "big.bin"); // verified against its name as it is read
            assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read)));
        }
    }

    /** The body's recorded chunk count and the chunk rows it has, or nothing when it has no row. */
    private static List<Long> chunks(String schema, String sha) throws Exception {
        try (var c = TestDatabase.dataSource().getConnection();
                var select = c.prepareStatement("select b.chunks, (select count(*) from \"" + schema
                        + "\".blob_chunks x where x.sha256 = b.sha256) from \"" + schema + "\".blobs b where sha256 = ?")) {
            select.setString(1, sha);
            try (var r = select.executeQuery()) {
                return r.next() ? List.of(r.getLong(1), r.getLong(2)) : List.of();
            }
        }
    }
}
