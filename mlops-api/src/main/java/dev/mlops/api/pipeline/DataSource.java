package dev.mlops.api.pipeline;

import dev.mlops.api.Frame;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a pipeline's data comes from. Read once per run; a source that reads a file or a database
 * should read it afresh on each call, so a re-run sees what is there then (the run records the data
 * it read as a dataset version, which is what a re-run of a recorded run reads).
 *
 * @since 0.1
 */
public interface DataSource {

    /** A short name for runs and dataset versions, such as the file name ({@code adult.data}). */
    String name();

    /**
     * The data.
     *
     * @throws dev.mlops.api.DataException if it cannot be read, saying where
     */
    Frame read();

    /**
     * Where the rows come from (a query and its parameters, a file), recorded with the dataset
     * version a tracked run logs; empty when the source does not say.
     */
    default java.util.Optional<dev.mlops.api.tracking.DatasetOrigin> origin() {
        return java.util.Optional.empty();
    }

    /**
     * A source named {@code name} that reads with {@code reader}.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    static DataSource of(String name, Supplier<Frame> reader) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a data source needs a name");
        }
        return new DataSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Frame read() {
                return Objects.requireNonNull(reader.get(), () -> "data source '" + name + "' read null");
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * A source of a frame already in memory.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    static DataSource of(String name, Frame frame) {
        Objects.requireNonNull(frame, "frame");
        return of(name, () -> frame);
    }
}
