package dev.mlops.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Where CSV text comes from. Opens it decoded strictly (bytes invalid in the charset are an error,
 * not a replacement character), gunzipped when the bytes start with the gzip magic number, and
 * without a leading byte-order mark.
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
        try {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                content = new GZIPInputStream(in, BUFFER);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return withoutBom(new InputStreamReader(content, decoder));
    }

    private static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first >= 0 && first != BOM) {
            pushback.unread(first);
        }
        return pushback;
    }

    /** Turns a failure to open into the JDK's unchecked I/O exception, naming the source. */
    final UncheckedIOException openFailure(IOException e) {
        return new UncheckedIOException("cannot read " + name + ": " + e, e);
    }
}
