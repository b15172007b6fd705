package dev.mlops.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A CSV source read a chunk at a time, so a file larger than memory can be processed with memory
 * bounded by the chunk size. Each chunk has the same columns and types: those of the reader's
 * schema or {@code type(...)} settings, and text for columns given none (inferring a type would need
 * the whole file). The same rules as {@link CsvReader#read} apply to every record. Not thread-safe;
 * close it to release the file.
 *
 * <pre>{@code
 * try (CsvChunks chunks = Csv.reader().type("age", FieldType.NUMERIC).chunks(path, 10_000)) {
 *     for (CsvChunk chunk : chunks) { ... chunk.frame() ... chunk.line(0) ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class CsvChunks implements Iterator<CsvChunk>, Iterable<CsvChunk>, AutoCloseable {

    private final CsvParse parse;
    private final int rows;
    private final CsvSource source;
    private CsvChunk next;
    private boolean done;

    CsvChunks(CsvParse parse, CsvSource source, int rows) {
        this.parse = parse;
        this.source = source;
        this.rows = rows;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = parse.nextChunk(rows);
            } catch (UncheckedIOException e) {
                done = true;
                throw e;
            }
            done = next == null;
        }
        return next != null;
    }

    /**
     * The next chunk.
     *
     * @throws dev.mlops.api.DataException at the first bad record in strict mode, or when the input is unreadable
     * @throws NoSuchElementException      at the end
     */
    @Override
    public CsvChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more chunks in " + source.name());
        }
        CsvChunk chunk = next;
        next = null;
        return chunk;
    }

    /** Itself: it can be iterated once. */
    @Override
    public Iterator<CsvChunk> iterator() {
        return this;
    }

    /** Warnings so far (the header's, rounded numbers). */
    public List<CsvWarning> warnings() {
        return parse.warnings();
    }

    @Override
    public void close() {
        try {
            parse.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + source.name() + ": " + e.getMessage(), e);
        }
    }
}
