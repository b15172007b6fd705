package dev.mlops.core.data;

import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.core.data.internal.CellRules;
import dev.mlops.core.data.internal.ColumnNames;
import dev.mlops.core.data.internal.ColumnSink;
import dev.mlops.core.data.internal.LookBackReader;
import dev.mlops.core.data.internal.MalformedBytes;
import dev.mlops.core.data.internal.MissingTokens;
import dev.mlops.core.data.internal.TimestampPattern;
import dev.mlops.core.data.internal.TypeGuess;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/** One attempt at reading a source with fixed settings; see {@link CsvReader} for the rules it applies. */
final class CsvParse {

    /** The most rows a frame can hold: Java arrays stop a little short of {@code Integer.MAX_VALUE}. */
    private static final int MAX_ROWS = Integer.MAX_VALUE - 8;
    private static final char BOM = '\uFEFF';

    private final CsvReader.Settings settings;
    private final CsvSource source;
    private final Map<String, FieldType> widened;
    private final MissingTokens missing;
    private final CellRules rules;
    private final List<RejectedRecord> rejected = new ArrayList<>();
    private final RoundedNumbers rounded = new RoundedNumbers(() -> this.line);

    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private LookBackReader text;
    /** Where the last record the parser returned starts, and on which line: errors are placed from there. */
    private long lastRecordStart;
    private long lastRecordLine = 1;
    /** Data records (by character position) that start with an unquoted byte-order mark. */
    private final Set<Long> strayBoms = new HashSet<>();
    private long linesConsumed;
    /** Records read ahead of processing (blank lines of a single-column file, the first headerless record). */
    private final ArrayDeque<CSVRecord> queued = new ArrayDeque<>();
    private final ArrayDeque<Long> queuedLines = new ArrayDeque<>();
    private long line;

    private final List<CsvWarning> headerWarnings = new ArrayList<>();
    private String[] names;
    private ColumnSink[] sinks;
    private boolean[] inferred;
    private int rows;
    /** Chunked reading: untyped columns are text, and each row's line is kept. */
    private boolean chunked;
    private Field[] chunkFields;
    private long[] rowLines = new long[0];

    CsvParse(CsvReader.Settings settings, CsvSource source, Map<String, FieldType> widened) {
        this.settings = settings;
        this.source = source;
        this.widened = widened;
        this.missing = new MissingTokens(settings.missingValues);
        Map<String, TimestampPattern> patterns = new LinkedHashMap<>();
        settings.timestampFormats.forEach((column, pattern) -> patterns.put(column, TimestampPattern.of(pattern)));
        this.rules = new CellRules(missing, settings.zone,
                settings.inexactNumbers == InexactNumbers.ROUND ? rounded : null, patterns,
                settings.timestampFormat == null ? null : TimestampPattern.of(settings.timestampFormat));
    }

    CsvResult run() throws TypeConflict, IOException {
        try {
            text = new LookBackReader(source.open(settings.charset));
        } catch (ZipException | EOFException e) {
            throw unreadable(e);
        }
        try (LookBackReader in = text; CSVParser csv = CSVParser.parse(in, format(settings))) {
            parser = csv;
            records = csv.iterator();
            return read();
        }
    }

    /** Opens the source and reads the header, for {@link #nextChunk}: columns without a type are read as text. */
    void openChunked() throws IOException {
        chunked = true;
        try {
            text = new LookBackReader(source.open(settings.charset));
        } catch (ZipException | EOFException e) {
            throw unreadable(e);
        }
        parser = CSVParser.parse(text, format(settings));
        records = parser.iterator();
        chunkFields = declaredFields(header());
        createSinks(chunkFields, List.of());
    }

    /** The next at most {@code max} rows (and the records refused among them), or null at the end. */
    CsvChunk nextChunk(int max) {
        CSVRecord record = null;
        while (rows < max && (record = nextLogical()) != null) {
            try {
                process(record);
            } catch (TypeConflict impossible) {
                throw new IllegalStateException("a declared column conflicted with its own type", impossible);
            }
        }
        if (record == null && rows == 0 && rejected.isEmpty()) {
            return null;
        }
        CsvChunk chunk = new CsvChunk(Frame.of(orderedColumns()), Arrays.copyOf(rowLines, rows), List.copyOf(rejected));
        rows = 0;
        rejected.clear();
        createSinks(chunkFields, List.of());
        return chunk;
    }

    /** Warnings so far: the header's, and numbers rounded under {@link InexactNumbers#ROUND}. */
    List<CsvWarning> warnings() {
        List<CsvWarning> warnings = new ArrayList<>(headerWarnings);
        warnings.addAll(rounded.warnings(settings.schema != null ? settings.schema.names() : Arrays.asList(names)));
        return warnings;
    }

    void close() throws IOException {
        try (LookBackReader in = text; CSVParser csv = parser) {
            // closed in this order: the parser, then the reader
        }
    }

    /** The Commons CSV format of these settings. */
    static CSVFormat format(CsvReader.Settings settings) {
        CSVFormat.Builder format = CSVFormat.RFC4180.builder()
                .setDelimiter(settings.delimiter)
                .setQuote(settings.quote)
                // With ALL_NON_NULL and no null string, Commons CSV hands an unquoted empty field over as
                // null and a quoted one as "": that is how "" stays apart from a missing value.
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .setNullString(null)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(settings.trim)
                .setTrim(settings.trim);
        if (settings.commentMarker != null) {
            format.setCommentMarker(settings.commentMarker);
        }
        return format.get();
    }

    private CsvResult read() throws TypeConflict {
        long firstLine = header();
        return readRecords(declaredFields(firstLine), firstLine);
    }

    /** Reads the header (or the first record, without one) and sets the column names; returns its line. */
    private long header() {
        CSVRecord first = nextNonBlank();
        long firstLine = line;
        if (settings.header) {
            if (first == null) {
                throw new DataException(source.name(), 0, null, null, "is empty: there is no header line");
            }
            names = headerNames(first, firstLine);
        } else if (first == null) {
            if (settings.schema == null) {
                throw new DataException(source.name(), 0, null, null, "is empty: there are no records");
            }
            names = settings.schema.names().toArray(String[]::new);
        } else {
            names = settings.columnNames != null ? settings.columnNames.toArray(String[]::new)
                    : settings.schema != null ? settings.schema.names().toArray(String[]::new)
                    : generatedNames(first.size());
            queue(first, firstLine);
        }
        return firstLine;
    }

    private CsvResult readRecords(Field[] fields, long firstLine) throws TypeConflict {
        List<CSVRecord> sample = new ArrayList<>();
        List<Long> sampleLines = new ArrayList<>();
        boolean anyInferred = Arrays.stream(fields).anyMatch(f -> f == null);
        CSVRecord record;
        while (anyInferred && sample.size() < settings.inferenceRows && (record = nextLogical()) != null) {
            if (record.size() != names.length) {
                ragged(record);
            } else if (strayBom(record)) {
                refuseStrayBom(record);
            } else {
                sample.add(record);
                sampleLines.add(line);
            }
        }
        createSinks(fields, sample);
        for (int i = 0; i < sample.size(); i++) {
            line = sampleLines.get(i);
            process(sample.get(i));
        }
        while ((record = nextLogical()) != null) {
            process(record);
        }
        if (rows == 0 && rejected.isEmpty() && anyInferred) {
            throw new DataException(source.name(), firstLine, null, null, settings.header
                    ? "has a header but no data rows, so column types cannot be inferred; give a schema or a type"
                    + " for each column to read it as an empty frame"
                    : "has no records to infer column types from");
        }
        List<CsvWarning> warnings = new ArrayList<>(headerWarnings);
        warnings.addAll(rounded.warnings(settings.schema != null ? settings.schema.names() : Arrays.asList(names)));
        return new CsvResult(Frame.of(orderedColumns()), rejected, warnings, settings.delimiter);
    }

    private static String printable(String delimiter) {
        return delimiter.replace("\t", "\\t");
    }

    private String[] headerNames(CSVRecord header, long headerLine) {
        String[] fromFile = new String[header.size()];
        for (int i = 0; i < fromFile.length; i++) {
            fromFile[i] = MissingTokens.text(header.get(i));
        }
        if (settings.columnNames != null) {
            if (settings.columnNames.size() != fromFile.length) {
                throw new DataException(source.name(), headerLine, null, null, "the header has " + fromFile.length
                        + " columns but " + settings.columnNames.size() + " column names were given");
            }
            return settings.columnNames.toArray(String[]::new);
        }
        if (fromFile.length == 1 && !settings.delimiterChosen) {
            for (String other : DelimiterSniffer.CANDIDATES) {
                if (!other.equals(settings.delimiter) && fromFile[0].contains(other)) {
                    headerWarnings.add(new CsvWarning(fromFile[0], 1, headerLine, fromFile[0], "the header is one"
                            + " column whose name holds '" + printable(other) + "': if that is the delimiter, set it"
                            + " with delimiter(...) (it is detected only where the source can be read twice)"));
                    break;
                }
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fromFile.length; i++) {
            if (fromFile[i].isEmpty()) {
                throw new DataException(source.name(), headerLine, null, null, "column " + (i + 1)
                        + " of the header has no name; name it, or give names with columnNames(...)");
            }
            String problem = ColumnNames.problem(fromFile[i], settings.delimiter);
            if (problem != null) {
                throw new DataException(source.name(), headerLine, null, ColumnNames.escaped(fromFile[i]), "column "
                        + (i + 1) + " of the header " + problem + ", or give names with columnNames(...)");
            }
            if (!fromFile[i].equals(fromFile[i].strip())) {
                headerWarnings.add(new CsvWarning(fromFile[i], 1, headerLine, fromFile[i], "the header name starts or"
                        + " ends with white space, which stays part of the name: is the delimiter '"
                        + printable(settings.delimiter) + "' right (Adult's is \", \")? Set it with delimiter(...),"
                        + " or strip names and values with trim(true)"));
            }
            Integer earlier = seen.put(fromFile[i], i);
            if (earlier != null) {
                throw new DataException(source.name(), headerLine, fromFile[i], null, "the header names this column"
                        + " twice, at positions " + (earlier + 1) + " and " + (i + 1));
            }
        }
        return fromFile;
    }

    static String[] generatedNames(int count) {
        String[] generated = new String[count];
        for (int i = 0; i < count; i++) {
            generated[i] = "column_" + (i + 1);
        }
        return generated;
    }

    /** The field of each file column when the settings fix it, null where it is to be inferred. */
    private Field[] declaredFields(long headerLine) {
        Field[] fields = new Field[names.length];
        List<String> nameList = Arrays.asList(names);
        if (settings.schema != null) {
            List<String> unknown = nameList.stream().filter(n -> !settings.schema.contains(n)).toList();
            List<String> absent = settings.schema.names().stream().filter(n -> !nameList.contains(n)).toList();
            if (!unknown.isEmpty() || !absent.isEmpty()) {
                throw new DataException(source.name(), settings.header ? headerLine : 0, null, null,
                        "the columns do not match the schema" + (unknown.isEmpty() ? "" : "; not in the schema: " + unknown)
                                + (absent.isEmpty() ? "" : "; missing from the file: " + absent));
            }
            for (int i = 0; i < names.length; i++) {
                fields[i] = settings.schema.require(names[i]);
            }
            return fields;
        }
        for (String name : settings.types.keySet()) {
            if (!nameList.contains(name)) {
                throw new IllegalArgumentException("a type was given for column '" + name + "', which "
                        + source.name() + " does not have; its columns are " + nameList);
            }
        }
        for (String name : settings.timestampFormats.keySet()) {
            if (!nameList.contains(name)) {
                throw new IllegalArgumentException("a timestamp format was given for column '" + name + "', which "
                        + source.name() + " does not have; its columns are " + nameList);
            }
        }
        for (int i = 0; i < names.length; i++) {
            // a column the user gave a timestamp layout is a timestamp column
            FieldType given = settings.timestampFormats.containsKey(names[i]) ? FieldType.TIMESTAMP
                    : settings.types.get(names[i]);
            FieldType type = widened.getOrDefault(names[i], given);
            if (type == null && chunked) {
                type = FieldType.TEXT; // inferring would need the whole file, which chunked reading never holds
            }
            fields[i] = type == null ? null : Field.of(names[i], type);
        }
        return fields;
    }

    private void createSinks(Field[] fields, List<CSVRecord> sample) {
        sinks = new ColumnSink[names.length];
        inferred = new boolean[names.length];
        int expected = Math.max(16, sample.size());
        for (int i = 0; i < names.length; i++) {
            if (fields[i] != null) {
                sinks[i] = ColumnSink.of(fields[i], rules, expected);
                continue;
            }
            inferred[i] = true;
            TypeGuess guess = new TypeGuess(rules);
            for (CSVRecord record : sample) {
                String raw = record.get(i);
                if (!missing.isMissing(raw)) {
                    guess.observe(MissingTokens.text(raw));
                }
            }
            sinks[i] = guess.decided()
                    ? ColumnSink.inferred(Field.of(names[i], guess.type()), rules, expected)
                    : ColumnSink.deferred(names[i], rules, expected);
        }
    }

    private void process(CSVRecord record) throws TypeConflict {
        if (record.size() != names.length) {
            ragged(record);
            return;
        }
        if (strayBom(record)) {
            refuseStrayBom(record);
            return;
        }
        for (int i = 0; i < sinks.length; i++) {
            String problem = sinks[i].stage(record.get(i));
            if (problem != null) {
                refuse(record, i, problem);
                return;
            }
        }
        if (rows == MAX_ROWS) {
            throw new DataException(source.name(), line, null, null, "has more than " + MAX_ROWS
                    + " rows, the most a frame can hold");
        }
        for (ColumnSink sink : sinks) {
            sink.commit();
        }
        if (chunked) {
            if (rows == rowLines.length) {
                rowLines = Arrays.copyOf(rowLines, Math.max(16, rows * 2));
            }
            rowLines[rows] = line;
        }
        rows++;
    }

    private void refuse(CSVRecord record, int column, String problem) throws TypeConflict {
        String raw = record.get(column);
        if (!inferred[column]) {
            bad(record, names[column], raw, problem + " (the column is " + sinks[column].type() + ")");
            return;
        }
        if (source.reopenable()) {
            throw new TypeConflict(names[column]);
        }
        bad(record, names[column], raw, problem + ", but the column was inferred as " + sinks[column].type()
                + " from the first " + settings.inferenceRows + " records and a stream cannot be re-read with a"
                + " wider type; read from a file, give the column's type with type(...), or raise inferenceRows(...)");
    }

    /** Whether the record starts with a byte-order mark outside quotes, as where two files were joined. */
    private boolean strayBom(CSVRecord record) {
        return !strayBoms.isEmpty() && strayBoms.contains(record.getCharacterPosition());
    }

    private void refuseStrayBom(CSVRecord record) {
        bad(record, names[0], ColumnNames.escaped(record.get(0)), "starts with a byte-order mark (U+FEFF), as left"
                + " where files that each begin with one are joined (by cat, or as gzip members); remove it, or quote"
                + " the field to keep the character");
    }

    private void ragged(CSVRecord record) {
        bad(record, null, null, "has " + record.size() + " field" + (record.size() == 1 ? "" : "s") + " but there are "
                + names.length + " columns" + (settings.header ? " in the header" : "") + " (ragged row)");
    }

    private void bad(CSVRecord record, String column, String raw, String reason) {
        if (settings.errorMode == ErrorMode.STRICT) {
            throw new DataException(source.name(), line, column, raw, reason);
        }
        rejected.add(new RejectedRecord(line, column, raw, reason, Arrays.asList(record.values())));
    }

    private List<Column> orderedColumns() {
        List<Column> columns = new ArrayList<>(sinks.length);
        for (ColumnSink sink : sinks) {
            columns.add(sink.build());
        }
        if (settings.schema == null) {
            return columns;
        }
        List<Column> ordered = new ArrayList<>(columns.size());
        for (String name : settings.schema.names()) {
            ordered.add(columns.get(Arrays.asList(names).indexOf(name)));
        }
        return ordered;
    }

    /**
     * The next record to process, setting {@link #line}. Blank lines are skipped, except in a
     * single-column file where a blank line between values is a missing value; trailing ones are dropped.
     */
    private CSVRecord nextLogical() {
        if (!queued.isEmpty()) {
            line = queuedLines.poll();
            return queued.poll();
        }
        while (true) {
            CSVRecord record = next();
            if (record == null) {
                return null;
            }
            if (!isBlank(record)) {
                return record;
            }
            if (names.length == 1) {
                return singleColumnBlank(record);
            }
            // a blank line in a file of several columns holds no data: skipped
        }
    }

    /** Holds blank lines until a value follows them; returns the first record to process, or null at the end. */
    private CSVRecord singleColumnBlank(CSVRecord blank) {
        ArrayDeque<CSVRecord> blanks = new ArrayDeque<>();
        ArrayDeque<Long> blankLines = new ArrayDeque<>();
        blanks.add(blank);
        blankLines.add(line);
        CSVRecord record;
        while ((record = next()) != null && isBlank(record)) {
            blanks.add(record);
            blankLines.add(line);
        }
        if (record == null) {
            return null;
        }
        queued.addAll(blanks);
        queuedLines.addAll(blankLines);
        queued.add(record);
        queuedLines.add(line);
        line = queuedLines.poll();
        return queued.poll();
    }

    private CSVRecord nextNonBlank() {
        CSVRecord record;
        while ((record = next()) != null && isBlank(record)) {
            // blank lines before the first record are skipped
        }
        return record;
    }

    private void queue(CSVRecord record, long recordLine) {
        queued.add(record);
        queuedLines.add(recordLine);
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0) == null;
    }

    /** The next parsed record with {@link #line} set to the line it starts on, or null at the end. */
    private CSVRecord next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            line = linesConsumed + 1;
            linesConsumed = parser.getCurrentLineNumber();
            lastRecordStart = record.getCharacterPosition();
            lastRecordLine = line;
            text.keepFrom(lastRecordStart);
            String first = record.get(0);
            if (first != null && !first.isEmpty() && first.charAt(0) == BOM && text.charAt(lastRecordStart) == BOM) {
                strayBoms.add(lastRecordStart);
            }
            return record;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof MalformedBytes bytes) {
                throw new BadBytes(settings, source.name(), bytes).at(text.textFrom(lastRecordStart), lastRecordLine,
                        names);
            }
            line = linesConsumed + 1;
            throw unreadable(cause);
        }
    }

    private DataException unreadable(Throwable cause) {
        String reason;
        if (cause instanceof CharacterCodingException) {
            reason = "holds characters that could not be decoded (" + cause + ")";
        } else if (cause instanceof ZipException || cause instanceof EOFException) {
            reason = "is gzip-compressed data that is corrupt or truncated (" + cause.getMessage() + ")";
        } else {
            reason = "is not well-formed CSV: " + cause.getMessage();
        }
        return new DataException(source.name(), line, null, null, reason, cause);
    }
}
