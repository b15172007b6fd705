package dev.mlops.core.bundle.internal;

import dev.mlops.core.bundle.BundleException;
import dev.mlops.core.bundle.BundleLimits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The entries of a bundle zip, read so that the file can mean only one thing. Zip tools disagree on
 * which structure to trust: {@code ZipInputStream} walks the local headers from the front, while
 * {@code ZipFile} and {@code unzip} start from the central directory at the end. A file in which the
 * two disagree could be verified as one bundle and used as another, so this reads both and requires
 * that they describe the same entries, byte for byte where it matters:
 *
 * <ul>
 *   <li>the end-of-central-directory record is the last 22 bytes, with no archive comment, one disk,
 *       and an entry count within {@link BundleLimits#maxEntries()};
 *   <li>the central directory ends exactly where that record begins and holds exactly its entries;
 *   <li>the first local header is at offset 0, and each entry's local header, data and data
 *       descriptor are followed directly by the next entry's, in central-directory order, the last
 *       directly by the central directory: no bytes before, between or after the entries;
 *   <li>each local header agrees with its central-directory record on name bytes, version, flags,
 *       method, time and date, and on CRC-32 and sizes (or has zeros there and a data descriptor that
 *       agrees instead);
 *   <li>names are unique strict UTF-8, with no entry comments, no encryption or other unknown flags,
 *       only stored or deflated data, no Unix file type but a regular file, and no zip64 (its
 *       sentinels or its extra field are refused rather than half-handled).
 * </ul>
 *
 * Inflated sizes are checked against the limits here, before anything is inflated.
 */
final class ZipLayout {

    /** One entry as its central-directory record and local header agree on it. */
    record Entry(String name, int method, long crc, long compressedSize, long size, int dataOffset) {
    }

    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final int LOCAL_SIZE = 30;
    private static final int CENTRAL_SIZE = 46;
    private static final int END_SIZE = 22;
    private static final int DESCRIPTOR_SIZE = 16;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_DEFLATE_LEVEL = 0b110;
    private static final int FLAG_DESCRIPTOR = 1 << 3;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int UNIX = 3;
    private static final int FILE_TYPE = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final long U16_SENTINEL = 0xFFFF;
    private static final long U32_SENTINEL = 0xFFFFFFFFL;
    private static final String TOO_LARGE = " (a zip bomb, or a model too large for these BundleLimits, whose"
            + " defaults grow with the heap)";

    private final byte[] zip;
    private final ByteBuffer data;
    private final String source;

    private ZipLayout(byte[] zip, String source) {
        this.zip = zip;
        this.data = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    /**
     * The entries of {@code zip}, in order, after every check above and the limits on count and
     * inflated sizes.
     *
     * @throws BundleException naming the first disagreement or excess
     */
    static List<Entry> entries(byte[] zip, String source, BundleLimits limits) {
        return new ZipLayout(zip, source).read(limits);
    }

    private List<Entry> read(BundleLimits limits) {
        if (zip.length < END_SIZE) {
            throw refuse("is " + zip.length + " bytes, too short to be a bundle (truncated?)");
        }
        int end = zip.length - END_SIZE;
        if (data.getInt(end) != END) {
            throw refuse("does not end with a zip end record: truncated, not a bundle, or followed by a comment"
                    + " or other bytes");
        }
        int disk = u16(end + 4);
        int directoryDisk = u16(end + 6);
        int onDisk = u16(end + 8);
        int count = u16(end + 10);
        long directorySize = u32(end + 12);
        long directoryOffset = u32(end + 16);
        if (count == U16_SENTINEL || onDisk == U16_SENTINEL || directorySize == U32_SENTINEL
                || directoryOffset == U32_SENTINEL) {
            throw refuse("is a zip64 archive, which a bundle never is");
        }
        if (u16(end + 20) != 0) {
            throw refuse("has a zip archive comment, which a bundle never has");
        }
        if (disk != 0 || directoryDisk != 0 || onDisk != count) {
            throw refuse("claims to span several zip disks");
        }
        if (count == 0) {
            throw refuse("is not a bundle: it holds no zip entries");
        }
        if (count > limits.maxEntries()) {
            throw refuse("holds " + count + " entries; a bundle may hold no more than " + limits.maxEntries()
                    + " entries");
        }
        if (directoryOffset + directorySize != end) {
            throw refuse("its zip central directory (offset " + directoryOffset + ", " + directorySize
                    + " bytes) does not end where the end record begins (offset " + end + ")");
        }
        List<Entry> entries = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        int record = (int) directoryOffset;
        int expectedLocal = 0;
        long total = 0;
        for (int i = 0; i < count; i++) {
            Central central = central(record, end);
            if (!names.add(central.name)) {
                throw refuse("holds the entry '" + printable(central.name) + "' twice");
            }
            if (central.size > limits.maxEntryBytes()) {
                throw refuse("entry '" + printable(central.name) + "' inflates to " + central.size
                        + " bytes, more than the limit of " + limits.maxEntryBytes() + TOO_LARGE);
            }
            total += central.size;
            if (total > limits.maxTotalBytes()) {
                throw refuse("its entries inflate to more than the total limit of " + limits.maxTotalBytes()
                        + " bytes" + TOO_LARGE);
            }
            if (central.localOffset != expectedLocal) {
                throw refuse(i == 0
                        ? "has " + central.localOffset + " bytes before its first zip entry, or a directory that"
                                + " does not point at it"
                        : "entry '" + printable(central.name) + "' starts at offset " + central.localOffset
                                + ", not directly after the previous entry (offset " + expectedLocal + ")");
            }
            int dataOffset = local(central, (int) directoryOffset);
            long next = dataOffset + central.compressedSize;
            if ((central.flags & FLAG_DESCRIPTOR) != 0) {
                descriptor(central, next, (int) directoryOffset);
                next += DESCRIPTOR_SIZE;
            }
            entries.add(new Entry(central.name, central.method, central.crc, central.compressedSize, central.size,
                    dataOffset));
            expectedLocal = (int) next;
            record = central.next;
        }
        if (record != end) {
            throw refuse("its zip central directory holds " + (end - record) + " bytes after its " + count
                    + " entries");
        }
        if (expectedLocal != directoryOffset) {
            throw refuse("has " + (directoryOffset - expectedLocal) + " bytes between its last zip entry and its"
                    + " central directory");
        }
        return entries;
    }

    /** A central-directory record's fields. */
    private record Central(String name, int nameOffset, int nameLength, int version, int flags, int method,
            int time, int date, long crc, long compressedSize, long size, long localOffset, int next) {
    }

    private Central central(int at, int limit) {
        within(at, CENTRAL_SIZE, limit, "a zip central directory record");
        if (data.getInt(at) != CENTRAL) {
            throw refuse("its zip central directory is damaged at offset " + at);
        }
        int madeBy = u16(at + 4);
        int version = u16(at + 6);
        int flags = u16(at + 8);
        int method = u16(at + 10);
        long compressedSize = u32(at + 20);
        long size = u32(at + 24);
        int nameLength = u16(at + 28);
        int extraLength = u16(at + 30);
        int commentLength = u16(at + 32);
        long localOffset = u32(at + 42);
        within(at + CENTRAL_SIZE, nameLength + extraLength + commentLength, limit, "a zip central directory record");
        String name = name(at + CENTRAL_SIZE, nameLength);
        String what = "entry '" + printable(name) + "'";
        if (compressedSize == U32_SENTINEL || size == U32_SENTINEL || localOffset == U32_SENTINEL
                || u16(at + 34) == U16_SENTINEL) {
            throw refuse(what + " uses zip64, which a bundle never does");
        }
        extras(at + CENTRAL_SIZE + nameLength, extraLength, what);
        if (commentLength != 0) {
            throw refuse(what + " has a zip entry comment, which a bundle never has");
        }
        if (u16(at + 34) != 0) {
            throw refuse(what + " claims to be on another zip disk");
        }
        if ((flags & FLAG_ENCRYPTED) != 0) {
            throw refuse(what + " is encrypted");
        }
        if ((flags & ~(FLAG_DEFLATE_LEVEL | FLAG_DESCRIPTOR | FLAG_UTF8)) != 0) {
            throw refuse(what + " has zip flags 0x" + Integer.toHexString(flags) + ", features a bundle never uses");
        }
        if (method != STORED && method != DEFLATED) {
            throw refuse(what + " is compressed by zip method " + method + "; a bundle is stored or deflated");
        }
        if (method == STORED && compressedSize != size) {
            throw refuse(what + " is stored but its compressed size " + compressedSize + " differs from its size "
                    + size);
        }
        int fileType = (int) (u32(at + 38) >>> 16) & FILE_TYPE;
        if (madeBy >>> 8 == UNIX && fileType != 0 && fileType != REGULAR_FILE) {
            throw refuse(what + " is marked as a link or special file (mode 0" + Integer.toOctalString(fileType)
                    + "); a bundle holds regular files");
        }
        return new Central(name, at + CENTRAL_SIZE, nameLength, version, flags, method, u16(at + 12), u16(at + 14),
                u32(at + 16), compressedSize, size, localOffset,
                at + CENTRAL_SIZE + nameLength + extraLength + commentLength);
    }

    /** Checks the local header against its central record; returns where the entry's data begins. */
    private int local(Central central, int limit) {
        int at = (int) central.localOffset;
        String what = "entry '" + printable(central.name) + "'";
        within(at, LOCAL_SIZE, limit, "the local header of " + what);
        if (data.getInt(at) != LOCAL) {
            throw refuse(what + " has no zip local header where the central directory says (offset " + at + ")");
        }
        int nameLength = u16(at + 26);
        int extraLength = u16(at + 28);
        within(at + LOCAL_SIZE, nameLength + extraLength, limit, "the local header of " + what);
        if (!Arrays.equals(zip, at + LOCAL_SIZE, at + LOCAL_SIZE + nameLength, zip, central.nameOffset,
                central.nameOffset + central.nameLength)) {
            throw refuse(what + " has another name in its zip local header ('"
                    + printable(lenient(at + LOCAL_SIZE, nameLength)) + "')");
        }
        if (u16(at + 4) != central.version || u16(at + 6) != central.flags || u16(at + 8) != central.method
                || u16(at + 10) != central.time || u16(at + 12) != central.date) {
            throw refuse(what + " has a zip local header whose version, flags, method or time differ from its"
                    + " central directory record");
        }
        long crc = u32(at + 14);
        long compressedSize = u32(at + 18);
        long size = u32(at + 22);
        boolean agrees = crc == central.crc && compressedSize == central.compressedSize && size == central.size;
        boolean deferred = (central.flags & FLAG_DESCRIPTOR) != 0 && crc == 0 && compressedSize == 0 && size == 0;
        if (!agrees && !deferred) {
            throw refuse(what + " has a zip local header whose CRC-32 or sizes (" + hex(crc) + ", " + compressedSize
                    + ", " + size + ") differ from its central directory record (" + hex(central.crc) + ", "
                    + central.compressedSize + ", " + central.size + ")");
        }
        extras(at + LOCAL_SIZE + nameLength, extraLength, what);
        int dataOffset = at + LOCAL_SIZE + nameLength + extraLength;
        within(dataOffset, central.compressedSize, limit, "the data of " + what);
        return dataOffset;
    }

    private void descriptor(Central central, long at, int limit) {
        String what = "entry '" + printable(central.name) + "'";
        within(at, DESCRIPTOR_SIZE, limit, "the data descriptor of " + what);
        int offset = (int) at;
        if (data.getInt(offset) != DESCRIPTOR || u32(offset + 4) != central.crc
                || u32(offset + 8) != central.compressedSize || u32(offset + 12) != central.size) {
            throw refuse(what + " has a zip data descriptor that is missing or differs from its central directory"
                    + " record");
        }
    }

    /** Extra fields must be well formed, and none may be zip64's. */
    private void extras(int at, int length, String what) {
        int end = at + length;
        int field = at;
        while (field < end) {
            if (end - field < 4 || u16(field + 2) > end - field - 4) {
                throw refuse(what + " has a malformed zip extra field");
            }
            if (u16(field) == ZIP64_EXTRA) {
                throw refuse(what + " uses zip64, which a bundle never does");
            }
            field += 4 + u16(field + 2);
        }
    }

    private String name(int at, int length) {
        if (length == 0) {
            throw refuse("holds a zip entry with an empty name");
        }
        try {
            return StrictUtf8.decode(zip, at, length);
        } catch (CharacterCodingException e) {
            throw refuse("holds a zip entry whose name is not UTF-8 ('" + printable(lenient(at, length)) + "')");
        }
    }

    private String lenient(int at, int length) {
        return new String(zip, at, length, StandardCharsets.UTF_8);
    }

    /** Requires {@code length} bytes from {@code at} to lie before {@code limit}. */
    private void within(long at, long length, long limit, String what) {
        if (at < 0 || length < 0 || at + length > limit) {
            throw refuse(what + " extends beyond where it may (offset " + at + ", " + length + " bytes): truncated"
                    + " or damaged");
        }
    }

    private int u16(int at) {
        return data.getShort(at) & 0xFFFF;
    }

    private long u32(int at) {
        return data.getInt(at) & 0xFFFFFFFFL;
    }

    private BundleException refuse(String problem) {
        return new BundleException(source, problem);
    }

    private static String hex(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    /** A name fit for a message: control characters escaped, at most 100 code points. */
    static String printable(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> text.append(c < 0x20 || c == 0x7f
                ? String.format(Locale.ROOT, "\\u%04x", c) : new String(Character.toChars(c))));
        return text.toString();
    }
}
