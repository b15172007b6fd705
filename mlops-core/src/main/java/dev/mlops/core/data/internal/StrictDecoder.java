package dev.mlops.core.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes into characters, refusing bytes that are invalid in the charset instead of
 * replacing them, and saying where they are. Unlike {@link java.io.InputStreamReader}, it hands out
 * every character before the bad bytes first and throws {@link MalformedBytes} only when asked for
 * more, so a parser meets the error exactly where the bad bytes are rather than a buffer earlier.
 */
public final class StrictDecoder extends Reader {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final boolean decompressed;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER / 2).flip();
    /** The offset in the stream of {@code bytes}' first byte. */
    private long bytesBefore;
    private boolean endOfInput;
    /** Once decoding has met the end of input, only flushing may follow, until it is done. */
    private boolean flushing;
    private boolean flushed;
    private MalformedBytes failure;

    /**
     * @param in           the bytes, closed with this reader
     * @param charset      their charset
     * @param decompressed whether they were gunzipped, so that offsets say so
     */
    public StrictDecoder(InputStream in, Charset charset, boolean decompressed) {
        this.in = in;
        this.decompressed = decompressed;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (failure != null) {
                throw failure;
            }
            if (flushed) {
                return -1;
            }
            decode();
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    /** Decodes what the byte buffer holds, refilling it first when it is empty; flushes the decoder at the end. */
    private void decode() throws IOException {
        chars.clear();
        try {
            if (flushing) {
                flushed = decoder.flush(chars).isUnderflow();
                return;
            }
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                byte[] bad = new byte[result.length()];
                bytes.get(bytes.position(), bad);
                failure = new MalformedBytes(bytesBefore + bytes.position(), bad, decoder.charset().name(),
                        decompressed);
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    flushing = true;
                    flushed = decoder.flush(chars).isUnderflow();
                } else {
                    refill();
                }
            }
        } finally {
            chars.flip();
        }
    }

    private void refill() throws IOException {
        bytesBefore += bytes.position();
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } finally {
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
