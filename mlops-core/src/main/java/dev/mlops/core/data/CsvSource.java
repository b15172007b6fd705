package dev.mlops.core.data;

import dev.mlops.core.data.internal.StrictDecoder;
import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Where CSV text comes from. Opens it decoded strictly (bytes invalid in the charset are an error,
 * not a replacement character, raised where they are: see {@link StrictDecoder}), gunzipped when the
 * bytes start with the gzip magic number, and without one leading byte-order mark. Opening reads
 * nothing but the gzip header, so every decoding error surfaces while parsing, where it can be placed.
 */
abstract class CsvSource {

    private static final int BUFFER = 1 << 16;
    private static final char BOM = '\uFEFF';

    private final String name;

    private CsvSource(String name) {
        this.name = Objects.requireNonNull(name, "source name");
    }

    /** The name used in error messages. */
    final String name() {
        return name;
    }

    /** Whether {@link #open} may be called again, so a read can restart with corrected types. */
    abstract boolean reopenable();

    abstract Reader open(Charset charset) throws IOException;

    static CsvSource of(Path path) {
        Objects.requireNonNull(path, "path");
        return new CsvSource(path.toString()) {
            @Override
            boolean reopenable() {
                return true;
            }

            @Override
            Reader open(Charset charset) throws IOException {
                return decode(Files.newInputStream(path), charset);
            }
        };
    }

    static CsvSource of(InputStream stream, String name) {
        Objects.requireNonNull(stream, "input stream");
        return new OneShot(name) {
            @Override
            Reader first(Charset charset) throws IOException {
                return decode(stream, charset);
            }
        };
    }

    static CsvSource of(Reader reader, String name) {
        Objects.requireNonNull(reader, "reader");
        return new OneShot(name) {
            @Override
            Reader first(Charset charset) throws IOException {
                return withoutBom(reader);
            }
        };
    }

    static CsvSource ofString(String text, String name) {
        Objects.requireNonNull(text, "text");
        return new CsvSource(name) {
            @Override
            boolean reopenable() {
                return true;
            }

            @Override
            Reader open(Charset charset) throws IOException {
                return withoutBom(new StringReader(text));
            }
        };
    }

    private abstract static class OneShot extends CsvSource {
        private boolean opened;

        OneShot(String name) {
            super(name);
        }

        @Override
        final boolean reopenable() {
            return false;
        }

        @Override
        final Reader open(Charset charset) throws IOException {
            if (opened) {
                throw new IllegalStateException(name() + " was already read; a stream can be read once");
            }
            opened = true;
            return first(charset);
        }

        abstract Reader first(Charset charset) throws IOException;
    }

    private static Reader decode(InputStream raw, Charset charset) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        InputStream content = in;
        boolean gzip;
        try {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            gzip = b1 == 0x1f && b2 == 0x8b;
            if (gzip) {
                content = new GZIPInputStream(in, BUFFER);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return withoutBom(new StrictDecoder(content, charset, gzip));
    }

    private static Reader withoutBom(Reader reader) {
        return new WithoutBom(reader);
    }

    /**
     * Drops one byte-order mark at the very start, lazily, so that opening reads nothing. Only one:
     * a second is not a BOM of this text, and the parser refuses it where it lands.
     */
    private static final class WithoutBom extends FilterReader {
        private boolean started;

        WithoutBom(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (!started && n > 0) {
                started = true;
                if (buffer[offset] == BOM) {
                    System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                    return n == 1 ? read(buffer, offset, length) : n - 1;
                }
            }
            return n;
        }
    }

    /** Turns a failure to open into the JDK's unchecked I/O exception, naming the source. */
    final UncheckedIOException openFailure(IOException e) {
        return new UncheckedIOException("cannot read " + name + ": " + e, e);
    }
}
