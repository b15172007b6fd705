package dev.mlops.tracking.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * An append-only log of byte records, each framed as a 4-byte big-endian length, a 4-byte CRC32C of
 * the payload, then the payload (as LevelDB and Kafka frame theirs). A torn tail or a flipped bit is
 * detected by the length and checksum, reported, and never misread as a record: reading stops at the
 * first invalid frame and keeps the valid prefix. Opening for appends cuts such a tail off first, so
 * new records follow the last valid one.
 *
 * <p>Durability: {@link #append} hands the record to the operating system (it survives a crash of
 * the JVM, not of the machine); {@link #sync()} forces everything appended so far to disk; with
 * {@code syncEveryAppend}, each append does so before returning. Appends from several threads are
 * serialized; several processes may append to one log when each append holds the same
 * {@link StoreLock}: every append goes to the current end of the file, after checking the records
 * other processes added since and cutting off a tail left by one killed mid-append.
 */
final class RecordLog implements Closeable {

    /** Records larger than this are refused on write and treated as corruption on read. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    private static final int HEADER = 8;

    /**
     * What a read found.
     *
     * @param records     every valid record, in order
     * @param validLength bytes of the file holding valid records
     * @param fileLength  the file's length; more than {@code validLength} when the tail is invalid
     * @param problem     why reading stopped before the end, or null when the whole file was valid
     */
    public record Contents(List<byte[]> records, long validLength, long fileLength, String problem) {
        public Contents {
            records = List.copyOf(records);
        }

        /** Whether the file ended with bytes that are not a valid record. */
        public boolean hasInvalidTail() {
            return validLength < fileLength;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final boolean syncEveryAppend;
    private final Contents recovered;
    /** Where the valid records known to this instance end; other processes may have appended since. */
    private long knownEnd;

    private RecordLog(Path file, FileChannel channel, boolean syncEveryAppend, Contents recovered) {
        this.file = file;
        this.channel = channel;
        this.syncEveryAppend = syncEveryAppend;
        this.recovered = recovered;
        this.knownEnd = recovered.validLength();
    }

    /**
     * Opens (creating if absent) a log for appending. An invalid tail is cut off first and reported
     * in {@link #recovered()}.
     */
    public static RecordLog open(Path file, boolean syncEveryAppend) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            Contents contents = scan(channel);
            if (contents.hasInvalidTail()) {
                channel.truncate(contents.validLength());
                channel.force(true);
            }
            channel.position(contents.validLength());
            return new RecordLog(file, channel, syncEveryAppend, contents);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads a log without changing it; an absent file is an empty log. */
    public static Contents read(Path file) throws IOException {
        return readFrom(file, 0);
    }

    /**
     * Reads the valid records that start at byte {@code offset} (a {@link Contents#validLength()} of an
     * earlier read), without changing the file: how a reader follows a log another process appends to.
     * A record still being written reads as an invalid tail and is picked up by a later call.
     */
    public static Contents readFrom(Path file, long offset) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), 0, 0, null);
        }
        try (channel) {
            return scan(channel, offset);
        }
    }

    /**
     * Appends one record at byte {@code end}, the end of the log's last valid record as the caller
     * knows it (for example from an index), and forces it to disk, without reading what comes before:
     * an append costs the same at any log size. Anything after {@code end} is cut off first. If the
     * append fails, the log is cut back to {@code end}, so a failed append leaves no record behind.
     * The caller must hold the log's lock.
     *
     * @return the end of the new record
     * @throws IOException if the log is shorter than {@code end} or the write fails
     */
    public static long appendAt(Path file, long end, byte[] payload) throws IOException {
        ByteBuffer frame = frame(payload);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size < end) {
                throw new IOException("the log is " + size + " bytes long, shorter than the " + end
                        + " bytes recorded as applied: it was truncated or replaced");
            }
            try {
                if (size > end) {
                    channel.truncate(end);
                }
                channel.position(end);
                while (frame.hasRemaining()) {
                    channel.write(frame);
                }
                channel.force(false);
                return end + frame.limit();
            } catch (IOException e) {
                try {
                    channel.truncate(end);
                    channel.force(false);
                } catch (IOException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw e;
            }
        }
    }

    /**
     * Whether the invalid end of {@code contents} is what a writer killed mid-append leaves (a header or
     * payload cut off, a last record whose checksum fails and that ends at the end of the file, or a
     * zero-filled tail) rather than damage in the middle of the log, after which valid-looking bytes
     * follow: those must be reported, never cut off.
     */
    public static boolean tornTail(Path file, Contents contents) throws IOException {
        if (!contents.hasInvalidTail()) {
            return false;
        }
        long from = contents.validLength();
        long size = contents.fileLength();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (size - from < HEADER) {
                return true;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(channel, header, from);
            header.flip();
            int length = header.getInt();
            if (length > 0 && length <= MAX_RECORD_BYTES) {
                // cut off, or complete but failing its checksum: torn only if nothing follows it
                return from + HEADER + length >= size;
            }
            ByteBuffer rest = ByteBuffer.allocate((int) Math.min(size - from, 1 << 20));
            readFully(channel, rest, from);
            for (byte b : rest.array()) {
                if (b != 0) {
                    return false;
                }
            }
            return size - from <= rest.capacity();
        }
    }

    /** Cuts the log back to {@code length} bytes and forces the change; the caller must hold the log's lock. */
    public static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (channel.size() > length) {
                channel.truncate(length);
                channel.force(false);
            }
        }
    }

    /** What was found when the log was opened, including any invalid tail that was cut off. */
    public Contents recovered() {
        return recovered;
    }

    /** The log's file. */
    public Path file() {
        return file;
    }

    /**
     * Appends one record.
     *
     * @throws IllegalArgumentException if the record is empty or larger than {@value #MAX_RECORD_BYTES} bytes
     */
    public synchronized void append(byte[] payload) throws IOException {
        ByteBuffer frame = frame(payload);
        // Another process may have appended (under a StoreLock) since our last write, or been killed
        // half-way through an append: check only what was added since, cut an invalid tail, append at the end.
        long size = channel.size();
        if (size != knownEnd) {
            Contents added = scan(channel, size < knownEnd ? 0 : knownEnd);
            if (added.hasInvalidTail()) {
                channel.truncate(added.validLength());
                channel.force(true);
            }
            size = added.validLength();
        }
        channel.position(size);
        try {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        } catch (IOException e) {
            // a full disk: cut the partial record now rather than leave it for the next append to find
            try {
                channel.truncate(size);
            } catch (IOException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        knownEnd = size + HEADER + payload.length;
        if (syncEveryAppend) {
            channel.force(false);
        }
    }

    /** Forces every record appended so far to disk. */
    public synchronized void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            channel.force(false);
            channel.close();
        }
    }

    private static ByteBuffer frame(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length == 0 || payload.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a log record holds 1 to " + MAX_RECORD_BYTES + " bytes, not "
                    + payload.length);
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        return frame;
    }

    private static Contents scan(FileChannel channel) throws IOException {
        return scan(channel, 0);
    }

    private static Contents scan(FileChannel channel, long start) throws IOException {
        long size = channel.size();
        if (start > size) {
            return new Contents(List.of(), start, size, "the log is shorter (" + size + " bytes) than byte " + start
                    + " read before: it was truncated or replaced");
        }
        long position = start;
        List<byte[]> records = new ArrayList<>();
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (position < size) {
            if (size - position < HEADER) {
                return new Contents(records, position, size, "a record header is cut off at byte " + position);
            }
            header.clear();
            readFully(channel, header, position);
            header.flip();
            int length = header.getInt();
            int checksum = header.getInt();
            // length 0 is refused on write: a zero-filled tail (left by some file systems after a crash)
            // would otherwise read as valid empty records, since the CRC32C of nothing is 0
            if (length <= 0 || length > MAX_RECORD_BYTES) {
                return new Contents(records, position, size, "the record at byte " + position
                        + " claims an impossible length " + length);
            }
            if (size - position - HEADER < length) {
                return new Contents(records, position, size, "the record at byte " + position + " is cut off ("
                        + length + " bytes announced, " + (size - position - HEADER) + " present)");
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, position + HEADER);
            CRC32C crc = new CRC32C();
            crc.update(payload.array());
            if ((int) crc.getValue() != checksum) {
                return new Contents(records, position, size, "the record at byte " + position
                        + " does not match its checksum");
            }
            records.add(payload.array());
            position += HEADER + length;
        }
        return new Contents(records, position, size, null);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += read;
        }
    }
}
