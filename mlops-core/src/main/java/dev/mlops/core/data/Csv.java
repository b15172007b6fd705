package dev.mlops.core.data;

import dev.mlops.api.Frame;
import java.nio.file.Path;

/**
 * The entry point for CSV: {@link #read(Path)} and {@link #write(Frame, Path)} with defaults, or a
 * configurable {@link #reader()} and {@link #writer()}.
 *
 * <pre>{@code
 * Frame iris = Csv.read(Path.of("iris.csv"));
 * CsvResult adult = Csv.reader().delimiter(", ").missingValues("?").read(Path.of("adult.data"));
 * Csv.write(adult.frame(), Path.of("adult-copy.csv.gz"));
 * }</pre>
 *
 * @since 0.1
 */
public final class Csv {

    private Csv() {
    }

    /** A reader with the defaults described in {@link CsvReader}. */
    public static CsvReader reader() {
        return CsvReader.defaults();
    }

    /** A writer with the defaults described in {@link CsvWriter}. */
    public static CsvWriter writer() {
        return CsvWriter.defaults();
    }

    /**
     * Reads a comma-separated file with a header, inferring the schema, strictly.
     *
     * @throws dev.mlops.api.DataException  at the first bad record, naming line, column and value
     * @throws java.io.UncheckedIOException if the file cannot be opened
     */
    public static Frame read(Path path) {
        return reader().read(path).frame();
    }

    /**
     * A pipeline's data source reading {@code path} with {@link #read(Path)} on each run, named by
     * the file's name.
     */
    public static dev.mlops.api.pipeline.DataSource source(Path path) {
        java.util.Objects.requireNonNull(path, "path");
        return source(path, reader());
    }

    /** A pipeline's data source reading {@code path} with {@code reader} on each run, named by the file's name. */
    public static dev.mlops.api.pipeline.DataSource source(Path path, CsvReader reader) {
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(reader, "reader");
        return dev.mlops.api.pipeline.DataSource.of(String.valueOf(path.getFileName()), () -> reader.read(path).frame());
    }

    /**
     * Writes the frame with a header, comma-separated, missing values empty.
     *
     * @throws dev.mlops.api.DataException  if a value cannot be written so that it reads back the same
     * @throws java.io.UncheckedIOException if the file cannot be written
     * @throws IllegalArgumentException     if the frame has no columns
     */
    public static void write(Frame frame, Path path) {
        writer().write(frame, path);
    }
}
