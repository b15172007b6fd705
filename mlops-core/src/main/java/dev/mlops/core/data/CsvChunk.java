package dev.mlops.core.data;

import dev.mlops.api.Frame;
import java.util.List;
import java.util.Objects;

/**
 * Consecutive records of a CSV source read by {@link CsvReader#chunks}: the rows as a frame, the
 * line each row starts on, and the records refused among them (lenient mode).
 *
 * @since 0.1
 */
public final class CsvChunk {

    private final Frame frame;
    private final long[] lines;
    private final List<RejectedRecord> rejected;

    CsvChunk(Frame frame, long[] lines, List<RejectedRecord> rejected) {
        this.frame = Objects.requireNonNull(frame, "frame");
        this.lines = lines;
        this.rejected = List.copyOf(rejected);
    }

    /** The rows read. */
    public Frame frame() {
        return frame;
    }

    /**
     * The line on which row {@code row} of {@link #frame()} starts in the source (1 for the first line).
     *
     * @throws IndexOutOfBoundsException if there is no such row
     */
    public long line(int row) {
        Objects.checkIndex(row, lines.length);
        return lines[row];
    }

    /** The records refused among these, in order (always empty in strict mode, which throws instead). */
    public List<RejectedRecord> rejected() {
        return rejected;
    }
}
