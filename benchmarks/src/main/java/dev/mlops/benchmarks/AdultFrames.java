package dev.mlops.benchmarks;

import dev.mlops.api.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Adult replicated to a million rows, read once into a frame for benchmarks that start from data in memory. */
final class AdultFrames {

    private AdultFrames() {
    }

    static Frame million() {
        Path file = AdultReplica.create(CsvReadBenchmark.ROWS);
        try {
            return CsvReadBenchmark.ADULT.read(file).frame();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
