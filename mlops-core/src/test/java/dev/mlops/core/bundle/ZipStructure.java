package dev.mlops.core.bundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: where each structure of a well-formed zip lies, found by walking its end record and
 * central directory (independently of the reader under test), so a test can patch chosen fields.
 * Offsets of fields inside the structures follow the zip specification (APPNOTE 4.3.7, 4.3.12,
 * 4.3.16).
 */
final class ZipStructure {

    /** Field offsets inside a central-directory record. */
    static final int CENTRAL_FLAGS = 8;
    static final int CENTRAL_METHOD = 10;
    static final int CENTRAL_TIME = 12;
    static final int CENTRAL_CRC = 16;
    static final int CENTRAL_COMPRESSED = 20;
    static final int CENTRAL_SIZE = 24;
    static final int CENTRAL_COMMENT_LENGTH = 32;
    static final int CENTRAL_LOCAL_OFFSET = 42;
    static final int CENTRAL_NAME = 46;
    /** Field offsets inside a local header. */
    static final int LOCAL_METHOD = 8;
    static final int LOCAL_CRC = 14;
    static final int LOCAL_NAME = 30;
    /** Field offsets inside a data descriptor with its signature. */
    static final int DESCRIPTOR_CRC = 4;
    static final int DESCRIPTOR_SIZE = 12;
    /** Field offsets inside the end record. */
    static final int END_ENTRIES_ON_DISK = 8;
    static final int END_ENTRIES = 10;
    static final int END_DIRECTORY_SIZE = 12;
    static final int END_DIRECTORY_OFFSET = 16;
    static final int END_COMMENT_LENGTH = 20;

    /**
     * One entry: where its central record and local header start, how long the record is, where its
     * data and data descriptor (or -1) start, and where the entry ends.
     */
    record Entry(String name, int central, int centralLength, int local, int data, int compressedSize,
            int descriptor, int end) {
    }

    final byte[] zip;
    /** Where the end record starts. */
    final int end;
    /** Where the central directory starts. */
    final int directory;
    final List<Entry> entries;

    private ZipStructure(byte[] zip) {
        this.zip = zip;
        this.end = zip.length - 22;
        if (u32(zip, end) != 0x06054b50L) {
            throw new IllegalArgumentException("no end record at the end");
        }
        this.directory = (int) u32(zip, end + END_DIRECTORY_OFFSET);
        List<Entry> found = new ArrayList<>();
        int at = directory;
        for (int i = 0; i < u16(zip, end + END_ENTRIES); i++) {
            int nameLength = u16(zip, at + 28);
            int length = CENTRAL_NAME + nameLength + u16(zip, at + 30) + u16(zip, at + CENTRAL_COMMENT_LENGTH);
            String name = new String(zip, at + CENTRAL_NAME, nameLength, StandardCharsets.UTF_8);
            int local = (int) u32(zip, at + CENTRAL_LOCAL_OFFSET);
            int data = local + LOCAL_NAME + u16(zip, local + 26) + u16(zip, local + 28);
            int compressed = (int) u32(zip, at + CENTRAL_COMPRESSED);
            boolean descriptor = (u16(zip, at + CENTRAL_FLAGS) & 8) != 0;
            int entryEnd = data + compressed + (descriptor ? 16 : 0);
            found.add(new Entry(name, at, length, local, data, compressed, descriptor ? data + compressed : -1,
                    entryEnd));
            at += length;
        }
        this.entries = List.copyOf(found);
    }

    static ZipStructure of(byte[] zip) {
        return new ZipStructure(zip);
    }

    Entry entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    static int u16(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(at) & 0xFFFF;
    }

    static long u32(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(at) & 0xFFFFFFFFL;
    }

    static void put16(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
    }

    static void put32(byte[] bytes, int at, long value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) value);
    }

    /** {@code bytes} with {@code inserted} put in at {@code at}. */
    static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    /**
     * This zip with {@code extra} bytes inserted at {@code at}, a point between structures, and every
     * offset that pointed at or past it moved, so that the zip stays well formed for readers that
     * follow offsets.
     */
    byte[] withBytesInserted(int at, byte[] extra) {
        byte[] out = insert(zip, at, extra);
        int shift = extra.length;
        for (Entry entry : entries) {
            int record = entry.central() + (entry.central() >= at ? shift : 0);
            if (entry.local() >= at) {
                put32(out, record + CENTRAL_LOCAL_OFFSET, entry.local() + shift);
            }
        }
        if (directory >= at) {
            put32(out, out.length - 22 + END_DIRECTORY_OFFSET, directory + shift);
        }
        return out;
    }
}
