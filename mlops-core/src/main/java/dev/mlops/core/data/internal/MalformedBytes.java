package dev.mlops.core.data.internal;

import java.io.IOException;
import java.util.HexFormat;

/**
 * Bytes that are not valid in the charset being decoded, with where they are. Thrown by
 * {@link StrictDecoder} only once every character before them has been read, so the reader's
 * position is the bad bytes' position. Its message says what is wrong, without line or column.
 */
public final class MalformedBytes extends IOException {

    private static final long serialVersionUID = 1L;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final long byteOffset;
    private final byte[] bytes;

    MalformedBytes(long byteOffset, byte[] bytes, String charset, boolean decompressed) {
        super("holds bytes that are not valid " + charset + ": " + hex(bytes, "0x", " ") + " at byte offset "
                + byteOffset + " (counted from 0" + (decompressed ? ", in the gunzipped data" : "") + ")");
        this.byteOffset = byteOffset;
        this.bytes = bytes.clone();
    }

    /** The 0-based offset of the first bad byte from the start of the bytes (after gunzipping). */
    public long byteOffset() {
        return byteOffset;
    }

    /** The bad bytes as {@code \xC3\x28}, the way to show them inside text. */
    public String escaped() {
        return hex(bytes, "\\x", "");
    }

    private static String hex(byte[] bytes, String prefix, String separator) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(text.length() == 0 ? "" : separator).append(prefix).append(HEX.toHexDigits(b));
        }
        return text.toString();
    }
}
