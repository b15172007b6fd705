package dev.mlops.core.data.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Passes characters through unchanged while keeping those from a position the caller moves
 * forward, so a parser can look back at the record it is in: to find where in that record a read
 * failed, or how a field was written. Keeps chunks as read rather than copying characters, and
 * drops them once they lie wholly before the kept position.
 */
public final class LookBackReader extends Reader {

    private static final int CHUNK = 1 << 13;

    private record Chunk(char[] chars, int length) {
    }

    private final Reader in;
    /** Chunks read, oldest first; the last is the one being handed out. */
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    /** The position of the first character of the oldest chunk. */
    private long chunksStart;
    /** How much of the last chunk has been handed out. */
    private int served;
    private long position;
    private long keptFrom;

    public LookBackReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (chunks.isEmpty() || served == chunks.getLast().length()) {
            char[] chars = new char[CHUNK];
            int n = in.read(chars, 0, CHUNK);
            if (n < 0) {
                return -1;
            }
            dropBefore(keptFrom);
            chunks.addLast(new Chunk(chars, n));
            served = 0;
        }
        int n = Math.min(length, chunks.getLast().length() - served);
        System.arraycopy(chunks.getLast().chars(), served, buffer, offset, n);
        served += n;
        position += n;
        return n;
    }

    /** How many characters have been handed out: the position of the next one. */
    public long position() {
        return position;
    }

    /** Lets the characters before {@code from} go; the kept position never moves back. */
    public void keepFrom(long from) {
        keptFrom = Math.max(keptFrom, Math.min(from, position));
    }

    /**
     * The characters handed out from {@code from} up to the current position.
     *
     * @throws IllegalArgumentException if {@code from} is not kept
     */
    public String textFrom(long from) {
        check(from);
        StringBuilder text = new StringBuilder((int) (position - from));
        long start = chunksStart;
        for (Chunk chunk : chunks) {
            int length = handedOut(chunk);
            if (start + length > from) {
                int skip = (int) Math.max(0, from - start);
                text.append(chunk.chars(), skip, length - skip);
            }
            start += length;
        }
        return text.toString();
    }

    /**
     * The character at {@code at}.
     *
     * @throws IllegalArgumentException if {@code at} is not kept or not handed out yet
     */
    public char charAt(long at) {
        check(at);
        long start = chunksStart;
        for (Chunk chunk : chunks) {
            int length = handedOut(chunk);
            if (at < start + length) {
                return chunk.chars()[(int) (at - start)];
            }
            start += length;
        }
        throw new IllegalArgumentException("position " + at + " has not been read yet (read up to " + position + ")");
    }

    private void check(long at) {
        if (at < chunksStart || at > position) {
            throw new IllegalArgumentException("position " + at + " is not kept (kept from " + chunksStart + " to "
                    + position + ")");
        }
    }

    private int handedOut(Chunk chunk) {
        return chunk == chunks.getLast() ? served : chunk.length();
    }

    private void dropBefore(long from) {
        while (!chunks.isEmpty() && chunksStart + chunks.getFirst().length() <= from) {
            chunksStart += chunks.removeFirst().length();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
