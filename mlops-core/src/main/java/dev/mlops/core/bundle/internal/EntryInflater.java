package dev.mlops.core.bundle.internal;

import dev.mlops.core.bundle.BundleException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one checked zip entry into an array of exactly its declared size, so memory is bounded by
 * the limits the declared sizes were checked against whatever the data holds: a deflate stream that
 * would produce more is refused as soon as the array is full, and one that produces less, leaves
 * compressed bytes unread, or fails its CRC-32 is refused too.
 */
final class EntryInflater {

    private EntryInflater() {
    }

    static byte[] content(byte[] zip, ZipLayout.Entry entry, String source) {
        String what = "entry '" + ZipLayout.printable(entry.name()) + "'";
        byte[] content = new byte[(int) entry.size()];
        if (entry.method() == ZipLayout.STORED) {
            System.arraycopy(zip, entry.dataOffset(), content, 0, content.length);
        } else {
            inflate(zip, entry, content, source, what);
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        if (crc.getValue() != entry.crc()) {
            throw new BundleException(source, what + " fails its CRC-32 check (corrupted or tampered)");
        }
        return content;
    }

    private static void inflate(byte[] zip, ZipLayout.Entry entry, byte[] content, String source, String what) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(zip, entry.dataOffset(), (int) entry.compressedSize());
            int filled = 0;
            while (filled < content.length) {
                int unread = inflater.getRemaining();
                int n = inflater.inflate(content, filled, content.length - filled);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary()
                        || inflater.getRemaining() == unread)) {
                    break; // ended, starved, or stuck: the size check below says which
                }
                filled += n;
            }
            if (filled < content.length) {
                throw new BundleException(source, what + " inflates to " + filled + " bytes, fewer than the "
                        + content.length + " its zip headers declare (truncated or damaged)");
            }
            if (!inflater.finished()) {
                if (inflater.inflate(new byte[1]) > 0) {
                    throw new BundleException(source, what + " inflates beyond the " + content.length
                            + " bytes its zip headers declare (a zip bomb?)");
                }
                if (!inflater.finished()) {
                    throw new BundleException(source, what + " has a deflate stream that does not end with its"
                            + " compressed data (truncated or damaged)");
                }
            }
            if (inflater.getRemaining() != 0) {
                throw new BundleException(source, what + " has " + inflater.getRemaining() + " compressed bytes"
                        + " after its deflate stream ends");
            }
        } catch (DataFormatException e) {
            throw new BundleException(source, what + " is not valid deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
