package dev.mlops.core.data;

import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;
import dev.mlops.core.data.internal.ColumnNames;
import dev.mlops.core.data.internal.TimestampPattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads CSV (RFC 4180, parsed by Apache Commons CSV) into a {@link dev.mlops.api.Frame}. Immutable
 * and thread-safe: each setting returns a new reader, so a configured reader can be kept and shared.
 *
 * <pre>{@code
 * CsvResult adult = Csv.reader()
 *     .delimiter(", ")              // the Adult census files separate fields by comma and space
 *     .missingValues("?")
 *     .read(Path.of("adult.data"));
 * }</pre>
 *
 * <h2>What it accepts</h2>
 * A path (gzip recognised by its magic bytes, whatever the file name), an {@link InputStream}, a
 * {@link Reader} or a string; a header line or not; any delimiter of one or more characters;
 * quoted fields with doubled quotes, delimiters and line breaks inside; a UTF-8 byte-order mark;
 * LF, CRLF or CR line ends; blank lines (skipped, and in a single-column file blank lines between
 * values are missing values, while trailing blank lines are ignored).
 *
 * <h2>What it refuses</h2>
 * Bytes that are not valid in the {@link #charset(Charset) charset}: an {@link InvalidEncodingException}
 * names the line they are on, the column (or the header position), the field up to them and their
 * byte offset (in the gunzipped data, for gzip input). A header name holding a control character
 * (U+0000 to U+001F, U+007F to U+009F, except a tab that is not part of the delimiter), a byte-order
 * mark or an unpaired surrogate; only one byte-order mark at the very start of the input is dropped,
 * so a second one, as left by joining files, is an error in the header and a bad record at the start
 * of a data line (where quoting the field keeps the character).
 *
 * <h2>Missing values</h2>
 * A field is missing when its text equals one of {@link #missingValues(String...)} (by default only
 * the empty string). The empty token matches only an unquoted empty field: {@code ""} in the file is
 * an empty string, never a missing value. Other tokens match quoted and unquoted fields alike.
 *
 * <h2>Types</h2>
 * With a {@link #schema(Schema)}, the data is checked against it. Otherwise each column's type is
 * inferred from the first {@link #inferenceRows(int)} records: boolean when every value is
 * {@code true}/{@code false} (any case), numeric when every value is a plain decimal number (or
 * NaN/Infinity), timestamp when every value is an ISO-8601 date or date-time, categorical
 * otherwise; {@link #type(String, FieldType)} fixes a column's type. When a later value does not fit
 * an inferred type, a read from a path or string restarts with that column categorical; a stream
 * cannot be re-read, so the value is a bad record instead, with a message saying how to avoid it.
 * Nothing is coerced: a timestamp finer than a microsecond is not a timestamp, and a number that a
 * double cannot hold is not a number (so an inferred column holding one is categorical, keeping its text).
 *
 * <h2>Numbers</h2>
 * A number is {@code [+-]digits[.digits][(e|E)[+-]digits]} or NaN, Infinity, inf (any case, optional
 * sign), read as its nearest double when a double holds its value up to the rounding of its last place:
 * <ul>
 *   <li>a literal with non-zero digits after the units place is a measurement, read rounded to
 *       nearest as usual ({@code 0.1}, {@code 9007199254740993.5});
 *   <li>a literal whose value is an integer, however written, must come back from its double to
 *       within one unit of its last written digit: every integer up to 2<sup>53</sup> does; beyond,
 *       {@code 9007199254740993}, {@code 9007199254740993.0} and {@code 9.007199254740993e15} are
 *       refused (their double is 9007199254740992), while {@code 1e23} or {@code 6.02214076e23},
 *       whose last written digit is far above the units, are read;
 *   <li>a non-zero literal whose double would be 0 or subnormal (below 2<sup>-1022</sup> in magnitude,
 *       with less than full precision), such as {@code 1e-400} or {@code 4.9e-325}, is refused, while
 *       {@code 0.0}, {@code -0} and {@code 0e-999} are exact zeros;
 *   <li>a literal beyond the largest double, such as {@code 1e999}, is refused.
 * </ul>
 * {@link #inexactNumbers(InexactNumbers) inexactNumbers(InexactNumbers.ROUND)} reads the refused
 * integers and underflows as their nearest double instead, with one {@link CsvWarning} per column.
 * The same rule holds for inferred, typed and schema columns alike, and for the preparation steps
 * that read numbers from cell text (conversions, literals in derived features); {@link CsvWriter}
 * writes every double except subnormals so that it reads back exactly.
 *
 * <h2>Bad data</h2>
 * In {@link ErrorMode#STRICT} mode (the default), the first bad record stops the read with a
 * {@link DataException} naming the source, line, column, raw value and what was expected. In
 * {@link ErrorMode#LENIENT} mode, bad records are returned beside the frame in
 * {@link CsvResult#rejected()}.
 *
 * @since 0.1
 */
public final class CsvReader {

    /** The settings of one reader; copied, changed and frozen by each setter. */
    static final class Settings implements Cloneable {
        String delimiter = ",";
        /** Whether the user chose the delimiter; if not, a file's is detected ({@link DelimiterSniffer}). */
        boolean delimiterChosen;
        char quote = '"';
        Character commentMarker;
        boolean header = true;
        List<String> columnNames;
        Set<String> missingValues = Set.of("");
        boolean trim;
        Schema schema;
        Map<String, FieldType> types = Map.of();
        int inferenceRows = 10_000;
        ZoneId zone = ZoneOffset.UTC;
        Charset charset = StandardCharsets.UTF_8;
        ErrorMode errorMode = ErrorMode.STRICT;
        InexactNumbers inexactNumbers = InexactNumbers.REFUSE;
        Map<String, String> timestampFormats = Map.of();
        String timestampFormat;

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

    private CsvReader(Settings settings) {
        this.settings = settings;
    }

    /** The default reader: comma, double quote, header line, empty fields missing, inferred types, strict. */
    static CsvReader defaults() {
        return new CsvReader(new Settings());
    }

    private CsvReader with(Consumer<Settings> change) {
        Settings copy = settings.clone();
        change.accept(copy);
        return new CsvReader(copy);
    }

    /**
     * The field separator: one or more characters, none of them a quote, CR or LF. When none is set,
     * a file's is detected among comma, tab, {@code ;} and {@code |} by consistent field counts (a
     * stream, which cannot be read twice, uses the comma) and reported in {@link CsvResult#delimiter()}.
     *
     * @throws IllegalArgumentException if it is empty, holds a line break, or holds the quote character
     */
    public CsvReader delimiter(String delimiter) {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.isEmpty() || delimiter.indexOf('\r') >= 0 || delimiter.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("delimiter must be non-empty and hold no line break: '"
                    + delimiter + "'");
        }
        if (delimiter.indexOf(settings.quote) >= 0) {
            throw new IllegalArgumentException("delimiter '" + delimiter + "' contains the quote character "
                    + settings.quote);
        }
        return with(s -> {
            s.delimiter = delimiter;
            s.delimiterChosen = true;
        });
    }

    /**
     * The character that quotes fields. Default {@code "}.
     *
     * @throws IllegalArgumentException if it is a line break or part of the delimiter
     */
    public CsvReader quote(char quote) {
        if (quote == '\r' || quote == '\n' || settings.delimiter.indexOf(quote) >= 0) {
            throw new IllegalArgumentException("quote character must not be a line break or part of the delimiter: "
                    + quote);
        }
        return with(s -> s.quote = quote);
    }

    /**
     * Lines starting with this character are comments and skipped. Default: no comments.
     *
     * @throws IllegalArgumentException if it is the quote, part of the delimiter or a line break
     */
    public CsvReader commentMarker(char marker) {
        if (marker == settings.quote || settings.delimiter.indexOf(marker) >= 0 || marker == '\r' || marker == '\n') {
            throw new IllegalArgumentException("comment marker must differ from the quote, the delimiter and line"
                    + " breaks: " + marker);
        }
        return with(s -> s.commentMarker = marker);
    }

    /** Whether the first record is a header of column names. Default {@code true}. */
    public CsvReader header(boolean hasHeader) {
        return with(s -> s.header = hasHeader);
    }

    /**
     * The column names, replacing the header's (which is then skipped) or naming the columns of a
     * file without one. Without a header and without names, columns are {@code column_1},
     * {@code column_2}, ...
     *
     * @throws IllegalArgumentException if a name repeats or is refused as a header name would be
     */
    public CsvReader columnNames(String... names) {
        List<String> list = List.of(names);
        if (new LinkedHashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("column names repeat: " + list);
        }
        for (int i = 0; i < names.length; i++) {
            String problem = names[i].isEmpty() ? "is empty" : ColumnNames.problem(names[i], "");
            if (problem != null) {
                throw new IllegalArgumentException("column name " + (i + 1) + " ('" + ColumnNames.escaped(names[i])
                        + "') " + problem);
            }
        }
        return with(s -> s.columnNames = list);
    }

    /**
     * The texts that mean "missing", replacing the default {@code ""}; give none to make every field
     * a value. See the class documentation for how the empty token treats quoted fields.
     */
    public CsvReader missingValues(String... tokens) {
        Set<String> set = Set.copyOf(new LinkedHashSet<>(Arrays.asList(tokens)));
        return with(s -> s.missingValues = set);
    }

    /** Whether to strip spaces around fields (outside quotes). Default {@code false}. */
    public CsvReader trim(boolean strip) {
        return with(s -> s.trim = strip);
    }

    /**
     * The schema the data must match, instead of inferring one. With a header, the header must name
     * exactly the schema's fields (in any order; the frame follows the schema's order); without one,
     * the fields are taken in schema order.
     */
    public CsvReader schema(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return with(s -> s.schema = schema);
    }

    /** Reads {@code column} as {@code type} instead of inferring its type; the column is nullable. */
    public CsvReader type(String column, FieldType type) {
        Map<String, FieldType> copy = new LinkedHashMap<>(settings.types);
        copy.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
        return with(s -> s.types = Collections.unmodifiableMap(copy));
    }

    /**
     * Reads {@code column} as timestamps written in {@code pattern}, a {@link java.time.format.DateTimeFormatter}
     * pattern with English month and day names, such as {@code yyyy/MM/dd HH:mm:ss} or {@code MMM d yyyy}:
     * only that layout (a value that does not match is a bad record naming the pattern). A date
     * without a time is the start of the day; a time without an offset is in {@link #zone(java.time.ZoneId)}.
     *
     * @throws IllegalArgumentException if {@code pattern} is not a valid pattern
     */
    public CsvReader timestampFormat(String column, String pattern) {
        Objects.requireNonNull(column, "column");
        TimestampPattern.of(pattern);
        Map<String, String> formats = new LinkedHashMap<>(settings.timestampFormats);
        formats.put(column, pattern);
        return with(s -> s.timestampFormats = Collections.unmodifiableMap(formats));
    }

    /**
     * Accepts {@code pattern} (as {@link #timestampFormat(String, String)}) for every timestamp,
     * besides ISO-8601; inference reads a column whose values all match either as timestamps.
     *
     * @throws IllegalArgumentException if {@code pattern} is not a valid pattern
     */
    public CsvReader timestampFormat(String pattern) {
        TimestampPattern.of(pattern);
        return with(s -> s.timestampFormat = pattern);
    }

    /**
     * How many records type inference looks at before reading the rest. Default 10,000.
     *
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public CsvReader inferenceRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("inference rows must be at least 1: " + rows);
        }
        return with(s -> s.inferenceRows = rows);
    }

    /** The time zone of dates and times written without an offset. Default UTC. */
    public CsvReader zone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return with(s -> s.zone = zone);
    }

    /** The character set of byte input; bytes invalid in it are an error. Default UTF-8. */
    public CsvReader charset(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return with(s -> s.charset = charset);
    }

    /**
     * What to do with numbers a double cannot hold without changing their value beyond the rounding of
     * their last place (see "Numbers" above). Default {@link InexactNumbers#REFUSE}; with
     * {@link InexactNumbers#ROUND} they are read as their nearest double and reported in
     * {@link CsvResult#warnings()}.
     */
    public CsvReader inexactNumbers(InexactNumbers policy) {
        Objects.requireNonNull(policy, "inexact-number policy");
        return with(s -> s.inexactNumbers = policy);
    }

    /** What to do with bad records. Default {@link ErrorMode#STRICT}. */
    public CsvReader errorMode(ErrorMode mode) {
        Objects.requireNonNull(mode, "error mode");
        return with(s -> s.errorMode = mode);
    }

    /**
     * Reads a file, gunzipping it if it is gzip-compressed.
     *
     * @throws DataException                 at the first bad record in strict mode, or when the input is unreadable
     * @throws java.io.UncheckedIOException if the file cannot be opened
     * @throws IllegalArgumentException     if a schema is set together with column names or types, or a
     *         type or timestamp format names a column the input does not have
     */
    public CsvResult read(Path path) {
        return read(CsvSource.of(path));
    }

    /**
     * Reads a stream (gzip recognised), which is read once and closed.
     *
     * @param name the source name for error messages, such as a file or resource name
     * @throws DataException                 at the first bad record in strict mode, or when the input is unreadable
     * @throws java.io.UncheckedIOException if reading fails with an I/O error
     * @throws IllegalArgumentException     if a schema is set together with column names or types, or a
     *         type or timestamp format names a column the input does not have
     */
    public CsvResult read(InputStream stream, String name) {
        return read(CsvSource.of(stream, name));
    }

    /**
     * Reads characters, which are read once and closed.
     *
     * @param name the source name for error messages
     * @throws DataException                 at the first bad record in strict mode, or when the input is unreadable
     * @throws java.io.UncheckedIOException if reading fails with an I/O error
     * @throws IllegalArgumentException     if a schema is set together with column names or types, or a
     *         type or timestamp format names a column the input does not have
     */
    public CsvResult read(Reader reader, String name) {
        return read(CsvSource.of(reader, name));
    }

    /**
     * Reads CSV text; errors name the source {@code "text"}.
     *
     * @throws DataException            at the first bad record in strict mode
     * @throws IllegalArgumentException if a schema is set together with column names or types, or a type
     *         or timestamp format names a column the input does not have
     */
    public CsvResult readString(String text) {
        return read(CsvSource.ofString(text, "text"));
    }

    /**
     * Reads a file (gunzipped if gzip-compressed) in chunks of at most {@code rows} rows, for files
     * larger than memory. Columns the schema or {@code type(...)} does not type are read as text.
     *
     * @throws IllegalArgumentException     if {@code rows} is below 1, or the settings conflict as for {@link #read(Path)}
     * @throws DataException                if the header is bad or the input is unreadable
     * @throws java.io.UncheckedIOException if the file cannot be opened
     */
    public CsvChunks chunks(Path path, int rows) {
        return chunks(CsvSource.of(path), rows);
    }

    /**
     * Reads a stream (gzip recognised) in chunks of at most {@code rows} rows; closing the chunks closes it.
     *
     * @param name the source name for error messages
     * @throws IllegalArgumentException     if {@code rows} is below 1, or the settings conflict as for {@link #read(Path)}
     * @throws DataException                if the header is bad or the input is unreadable
     * @throws java.io.UncheckedIOException if reading fails
     */
    public CsvChunks chunks(InputStream stream, String name, int rows) {
        return chunks(CsvSource.of(stream, name), rows);
    }

    private CsvChunks chunks(CsvSource source, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a chunk holds at least one row: " + rows);
        }
        checkSettings();
        Settings effective = effectiveFor(source);
        CsvParse parse = new CsvParse(effective, source, Map.of());
        try {
            parse.openChunked();
        } catch (IOException e) {
            throw source.openFailure(e);
        } catch (RuntimeException e) {
            try {
                parse.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new CsvChunks(parse, source, rows);
    }

    private CsvResult read(CsvSource source) {
        checkSettings();
        Settings effective = effectiveFor(source);
        Map<String, FieldType> widened = new LinkedHashMap<>();
        while (true) {
            try {
                return new CsvParse(effective, source, widened).run();
            } catch (TypeConflict conflict) {
                if (widened.put(conflict.column, FieldType.CATEGORICAL) != null) {
                    throw new IllegalStateException("column '" + conflict.column + "' conflicted twice");
                }
            } catch (IOException e) {
                throw source.openFailure(e);
            }
        }
    }

    /** These settings, with the delimiter detected when none was set and the source can be read twice. */
    private Settings effectiveFor(CsvSource source) {
        if (settings.delimiterChosen || !source.reopenable()) {
            return settings;
        }
        Settings effective = settings.clone();
        try {
            effective.delimiter = DelimiterSniffer.sniff(source, settings);
        } catch (IOException unreadable) {
            // a damaged gzip, say: the parse reports it, with the comma as before
        }
        return effective;
    }

    private void checkSettings() {
        if (settings.schema != null && settings.columnNames != null) {
            throw new IllegalArgumentException("set either a schema or column names, not both: the schema names"
                    + " the columns");
        }
        if (settings.schema != null && !settings.types.isEmpty()) {
            throw new IllegalArgumentException("set either a schema or column types, not both: the schema types"
                    + " every column");
        }
    }
}
