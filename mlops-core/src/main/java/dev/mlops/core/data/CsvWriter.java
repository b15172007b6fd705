package dev.mlops.core.data;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TimestampColumn;
import dev.mlops.core.data.internal.CellParsers;
import dev.mlops.core.data.internal.ColumnNames;
import dev.mlops.core.internal.NumberText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link Frame} as RFC 4180 CSV that {@link CsvReader} reads back into an equal frame
 * (given the frame's schema and the same delimiter and missing-value token). Immutable and
 * thread-safe.
 *
 * <p>Missing values are written as the missing-value token, unquoted (default: nothing). Strings are
 * quoted when they are empty, hold the quote, a delimiter character or a line break, start or end
 * with a space or tab, or start with {@code #}; so an empty string ({@code ""}) stays apart from a
 * missing value. Numbers are written exactly: integers without a fraction, others in Java's
 * round-trip form, and {@code NaN}, {@code Infinity}, {@code -Infinity}. What the reader would
 * refuse is refused here, so a written file always reads back: a subnormal number (non-zero and below
 * 2<sup>-1022</sup> in magnitude), and, in the header, a column name holding a control character, a
 * byte-order mark or an unpaired surrogate (see {@link CsvReader}). Timestamps are ISO-8601
 * instants in UTC; booleans {@code true}/{@code false}.
 *
 * <p>Written this way rather than with Commons CSV's printer, whose quoting policy is per file, not
 * per value: it cannot quote one empty string while leaving missing values bare.
 *
 * @since 0.1
 */
public final class CsvWriter {

    /** The settings of one writer; copied, changed and frozen by each setter. */
    private static final class Settings implements Cloneable {
        String delimiter = ",";
        char quote = '"';
        String missingValue = "";
        boolean header = true;
        String lineSeparator = "\n";

        @Override
        protected Settings clone() {
            try {
                return (Settings) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Settings settings;

    private CsvWriter(Settings settings) {
        this.settings = settings;
    }

    static CsvWriter defaults() {
        return new CsvWriter(new Settings());
    }

    private CsvWriter with(Consumer<Settings> change) {
        Settings copy = settings.clone();
        change.accept(copy);
        return new CsvWriter(copy);
    }

    /**
     * The field separator; default {@code ","}.
     *
     * @throws IllegalArgumentException if it is empty or holds a line break or the quote
     */
    public CsvWriter delimiter(String delimiter) {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.isEmpty() || delimiter.indexOf('\r') >= 0 || delimiter.indexOf('\n') >= 0
                || delimiter.indexOf(settings.quote) >= 0) {
            throw new IllegalArgumentException("delimiter must be non-empty without line breaks or quotes: '"
                    + delimiter + "'");
        }
        return with(s -> s.delimiter = delimiter);
    }

    /**
     * The quote character; default {@code "}.
     *
     * @throws IllegalArgumentException if it is a line break or part of the delimiter
     */
    public CsvWriter quote(char quote) {
        if (quote == '\r' || quote == '\n' || settings.delimiter.indexOf(quote) >= 0) {
            throw new IllegalArgumentException("quote must not be a line break or part of the delimiter: " + quote);
        }
        return with(s -> s.quote = quote);
    }

    /** The text written for a missing value; default empty. Read back with the same token. */
    public CsvWriter missingValue(String token) {
        Objects.requireNonNull(token, "missing-value token");
        return with(s -> s.missingValue = token);
    }

    /** Whether to write a header line of column names; default {@code true}. */
    public CsvWriter header(boolean writeHeader) {
        return with(s -> s.header = writeHeader);
    }

    /**
     * The line separator; default {@code "\n"}.
     *
     * @throws IllegalArgumentException if it is not LF, CRLF or CR
     */
    public CsvWriter lineSeparator(String separator) {
        if (!separator.equals("\n") && !separator.equals("\r\n") && !separator.equals("\r")) {
            throw new IllegalArgumentException("line separator must be \\n, \\r\\n or \\r");
        }
        return with(s -> s.lineSeparator = separator);
    }

    /**
     * Writes the frame to {@code path} in UTF-8, gzip-compressed when the name ends with {@code .gz}.
     * The file appears whole or not at all: it is written beside the target and moved into place.
     *
     * @throws DataException        if a value cannot be written so that it reads back the same
     * @throws UncheckedIOException if the file cannot be written
     * @throws IllegalArgumentException if the frame has no columns
     */
    public void write(Frame frame, Path path) {
        Path absolute = path.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                OutputStream target = absolute.getFileName().toString().endsWith(".gz")
                        ? new GZIPOutputStream(out, 1 << 16) : out;
                write(frame, target, path.toString());
                target.close();
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure matters more than the leftover temp file
                }
            }
        }
    }

    /**
     * Writes the frame to {@code out} in UTF-8 and flushes it; does not close it.
     *
     * @throws java.io.UncheckedIOException if the output cannot be written
     * @throws DataException                 if a value cannot be written so that it reads back the same
     * @throws IllegalArgumentException      if the frame has no columns
     */
    public void write(Frame frame, OutputStream out) {
        try {
            write(frame, out, "output stream");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV: " + e, e);
        }
    }

    /**
     * Writes the frame to {@code out} and flushes it; does not close it.
     *
     * @throws java.io.UncheckedIOException if the output cannot be written
     * @throws DataException                 if a value cannot be written so that it reads back the same
     * @throws IllegalArgumentException      if the frame has no columns
     */
    public void write(Frame frame, Writer out) {
        try {
            writeTo(frame, out, "writer");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV: " + e, e);
        }
    }

    /**
     * The frame as CSV text.
     *
     * @throws DataException            if a value cannot be written so that it reads back the same
     * @throws IllegalArgumentException if the frame has no columns
     */
    public String writeString(Frame frame) {
        StringWriter text = new StringWriter();
        write(frame, text);
        return text.toString();
    }

    private void write(Frame frame, OutputStream out, String target) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writeTo(frame, writer, target);
        writer.flush();
    }

    private void writeTo(Frame frame, Writer out, String target) throws IOException {
        if (frame.columnCount() == 0) {
            throw new IllegalArgumentException("a frame without columns cannot be written as CSV");
        }
        checkSingleColumnBlanks(frame, target);
        StringBuilder line = new StringBuilder(256);
        if (settings.header) {
            for (int c = 0; c < frame.columnCount(); c++) {
                String name = frame.column(c).name();
                String problem = ColumnNames.problem(name, settings.delimiter);
                if (problem != null) {
                    throw new DataException(target, 1, null, ColumnNames.escaped(name), "column " + (c + 1)
                            + "'s name " + problem + ", and the reader refuses such a header; rename the column");
                }
                appendText(line, c, name);
            }
            out.append(line).append(settings.lineSeparator);
        }
        String missingField = settings.missingValue.isEmpty() ? "" : quoteIfNeeded(settings.missingValue);
        for (int row = 0; row < frame.rowCount(); row++) {
            line.setLength(0);
            for (int c = 0; c < frame.columnCount(); c++) {
                Column column = frame.column(c);
                if (column.isMissing(row)) {
                    line.append(c == 0 ? "" : settings.delimiter).append(missingField);
                    continue;
                }
                String text = format(column, row);
                if (column instanceof NumericColumn numeric && NumberText.isSubnormal(numeric.value(row))) {
                    throw new DataException(target, row + 1L + (settings.header ? 1 : 0), column.name(), text,
                            "is a subnormal number, which the reader refuses as a loss of precision (see CsvReader),"
                                    + " so it cannot be written to read back; round it to 0 or rescale the column");
                }
                if (!settings.missingValue.isEmpty() && text.equals(settings.missingValue)) {
                    throw new DataException(target, row + 1L + (settings.header ? 1 : 0), column.name(), text,
                            "this value equals the missing-value token and would read back as missing; choose"
                                    + " another token with missingValue(...)");
                }
                if (column instanceof NumericColumn || column instanceof BooleanColumn
                        || column instanceof TimestampColumn) {
                    line.append(c == 0 ? "" : settings.delimiter).append(text);
                } else {
                    checkUnicode(text, target, row, column.name());
                    appendText(line, c, text);
                }
            }
            out.append(line).append(settings.lineSeparator);
        }
    }

    /**
     * A single-column file writes a missing value as an empty line, and readers ignore blank lines at
     * the end (and, without a header, at the start): refuse what would not read back.
     */
    private void checkSingleColumnBlanks(Frame frame, String target) {
        if (frame.columnCount() != 1 || !settings.missingValue.isEmpty() || frame.rowCount() == 0) {
            return;
        }
        Column column = frame.column(0);
        int last = frame.rowCount() - 1;
        if (column.isMissing(last) || !settings.header && column.isMissing(0)) {
            int row = column.isMissing(last) ? last : 0;
            throw new DataException(target, 0, column.name(), null, "row " + row + " is missing, and in a"
                    + " single-column file with an empty missing-value token it would be a blank line that readers"
                    + " ignore; set a missingValue(...) token");
        }
    }

    /** An unpaired surrogate has no UTF-8 form; an encoder would silently write '?' instead. */
    private void checkUnicode(String text, String target, int row, String column) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new DataException(target, row + 1L + (settings.header ? 1 : 0), column, text,
                        "holds an unpaired surrogate character (at index " + i + "), which is not valid Unicode text");
            }
        }
    }

    private void appendText(StringBuilder line, int columnIndex, String text) {
        if (columnIndex > 0) {
            line.append(settings.delimiter);
        }
        line.append(quoteIfNeeded(text));
    }

    private String quoteIfNeeded(String text) {
        if (!needsQuotes(text)) {
            return text;
        }
        String q = String.valueOf(settings.quote);
        return q + text.replace(q, q + q) + q;
    }

    private boolean needsQuotes(String text) {
        if (text.isEmpty()) {
            return true;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        if (first == ' ' || first == '\t' || last == ' ' || last == '\t' || first == '#' || first == '\uFEFF') {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == settings.quote || c == '\n' || c == '\r' || settings.delimiter.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String format(Column column, int row) {
        if (column instanceof NumericColumn numeric) {
            return formatNumber(numeric.value(row));
        }
        if (column instanceof BooleanColumn bool) {
            return bool.value(row) ? "true" : "false";
        }
        if (column instanceof TimestampColumn timestamp) {
            return timestamp.value(row).toString();
        }
        return (String) column.get(row);
    }

    /** Exact text for a number; see {@link CellParsers#formatNumber(double)}. */
    static String formatNumber(double value) {
        return NumberText.format(value);
    }
}
