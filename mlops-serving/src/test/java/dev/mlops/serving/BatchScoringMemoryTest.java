package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.core.data.Csv;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch scoring runs in bounded memory: a file several times the heap is scored in a JVM of its own
 * with a small {@code -Xmx}, and the output has exactly one row per input row, in order. The size
 * and heap are properties: {@code -Dmlops.batch.megabytes=1024 -Dmlops.batch.heap=256m} is the 1 GB
 * run the note reports; the default keeps the suite quick with the same ratio of file to heap.
 */
class BatchScoringMemoryTest {

    @TempDir
    Path dir;

    @Test
    void aFileManyTimesTheHeapIsScoredRowForRowInOrder() throws Exception {
        long megabytes = Long.getLong("mlops.batch.megabytes", 80);
        String heap = System.getProperty("mlops.batch.heap", "32m");
        Path bundle = dir.resolve("toy.bundle");
        Toy.bundle().save(bundle);
        Path input = dir.resolve("big.csv");
        long rows = writeBig(input, megabytes * 1024 * 1024);

        Path output = dir.resolve("scored.csv");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), BatchScoringMain.class.getName(),
                bundle.toString(), input.toString(), output.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(20, TimeUnit.MINUTES), "the child finished");
        String log = Files.readString(dir.resolve("child.log"));
        assertEquals(0, child.exitValue(), log);
        System.out.println("batch scoring of " + megabytes + " MB with -Xmx" + heap + ": " + log.lines()
                .filter(l -> l.startsWith("scored")).findFirst().orElse(log));

        try (BufferedReader scored = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            String header = scored.readLine();
            assertTrue(header.startsWith("id,x,z,city,plan,flag,y,prediction,confidence,"), header);
            long row = 0;
            for (String line = scored.readLine(); line != null; line = scored.readLine()) {
                String expected = "r" + row + ",";
                if (!line.startsWith(expected)) {
                    throw new AssertionError("output row " + row + " is " + line);
                }
                row++;
            }
            assertEquals(rows, row, "one output row per input row");
        }
    }

    /** Toy rows, each with its number as id, repeated until the file has {@code bytes} bytes. */
    private static long writeBig(Path file, long bytes) throws IOException {
        Frame sample = Toy.frame(1_000, 5);
        List<String> lines = Csv.writer().writeString(sample).lines().toList();
        long rows = 0;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id," + lines.get(0) + "\n");
            while (written < bytes) {
                for (int i = 1; i < lines.size() && written < bytes; i++) {
                    String line = "r" + rows + "," + lines.get(i) + "\n";
                    out.write(line);
                    written += line.length();
                    rows++;
                }
            }
        }
        return rows;
    }
}
