package dev.mlops.core.data;

import dev.mlops.api.DataException;

/**
 * Input bytes that are not valid in the reader's charset. Besides the line and, when known, the
 * column, it gives the bad bytes' offset, so they can be found with a hex editor or
 * {@code dd skip=}; the raw value is the field as read up to the bad bytes, which are shown as
 * {@code \xC3}.
 *
 * @since 0.1
 */
public class InvalidEncodingException extends DataException {

    private static final long serialVersionUID = 1L;

    private final long byteOffset;

    /**
     * @param source     where the data came from; never null
     * @param line       the 1-based line the bad bytes are on
     * @param column     the column they are in, or null when unknown (in the header or past the last column)
     * @param rawValue   the field up to and including the bad bytes, or null
     * @param byteOffset the 0-based offset of the first bad byte (in the gunzipped data for gzip input)
     * @param reason     what is wrong; never null
     * @param cause      the underlying exception, or null
     */
    public InvalidEncodingException(String source, long line, String column, String rawValue, long byteOffset,
            String reason, Throwable cause) {
        super(source, line, column, rawValue, reason, cause);
        this.byteOffset = byteOffset;
    }

    /** The 0-based offset of the first bad byte from the start of the input (after gunzipping, for gzip). */
    public long byteOffset() {
        return byteOffset;
    }
}
