package dev.mlops.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the Adult training file replicated to at least a given number of rows, for benchmarks (never committed). */
final class AdultReplica {

    private AdultReplica() {
    }

    static Path create(int minimumRows) {
        try (InputStream in = AdultReplica.class.getClassLoader().getResourceAsStream("datasets/adult/adult.data")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
            String header = lines.get(0);
            List<String> rows = lines.subList(1, lines.size());
            Path file = Files.createTempFile("adult-replica", ".csv");
            file.toFile().deleteOnExit();
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(header);
                out.write('\n');
                for (int written = 0; written < minimumRows; ) {
                    for (String row : rows) {
                        out.write(row);
                        out.write('\n');
                        written++;
                    }
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
