package dev.mlops.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories that benchmarks fill with a store and delete after a trial or iteration. */
final class ScratchDirectories {

    private ScratchDirectories() {
    }

    /** Deletes {@code directory} and everything under it. */
    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
