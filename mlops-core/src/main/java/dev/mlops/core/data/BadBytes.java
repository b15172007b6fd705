package dev.mlops.core.data;

import dev.mlops.core.data.internal.FieldLocator;
import dev.mlops.core.data.internal.MalformedBytes;
import dev.mlops.core.data.internal.MissingTokens;
import java.io.IOException;
import java.io.StringReader;
import org.apache.commons.csv.CSVParser;

/**
 * Places bytes invalid in the charset: the parser stopped exactly at them (see
 * {@link dev.mlops.core.data.internal.StrictDecoder}), so the text from the start of the last record
 * it returned up to them tells the line they are on and the record and field they are in.
 */
final class BadBytes {

    /** How much of a field before the bad bytes the error shows. */
    private static final int SHOWN_BEFORE = 40;

    private final CsvReader.Settings settings;
    private final String source;
    private final MalformedBytes bytes;

    BadBytes(CsvReader.Settings settings, String source, MalformedBytes bytes) {
        this.settings = settings;
        this.source = source;
        this.bytes = bytes;
    }

    /**
     * The error, placed.
     *
     * @param before    the text from the start of the last record returned up to the bad bytes
     * @param firstLine the line that record starts on
     * @param names     the column names, or null when the parser has not returned the header (or first record) yet
     */
    InvalidEncodingException at(String before, long firstLine, String[] names) {
        FieldLocator.Location at = new FieldLocator(settings.delimiter, settings.quote, settings.commentMarker,
                settings.trim).locate(before);
        long line = firstLine + at.lineBreaks();
        long recordLine = firstLine + at.recordLineBreaks();
        String column = null;
        String where = "";
        if (at.field() < 0) {
            where = ", in a comment line";
        } else {
            String[] known = names != null ? names : namesBeforeFirstRecord(before, at);
            if (known != null && at.field() < known.length) {
                column = known[at.field()];
            } else if (known == null) {
                where = ", in column " + (at.field() + 1) + " of the header";
            } else {
                where = ", in field " + (at.field() + 1) + " of a record with more fields than the " + known.length
                        + " columns";
            }
        }
        if (recordLine != line) {
            where += ", in the record that starts on line " + recordLine;
        }
        String raw = null;
        if (at.field() >= 0) {
            String field = before.substring(at.fieldStart());
            raw = (field.length() > SHOWN_BEFORE ? "..." + field.substring(field.length() - SHOWN_BEFORE) : field)
                    + bytes.escaped();
        }
        if (bytes.byteOffset() == 0 && (bytes.escaped().equals("\\xFF") || bytes.escaped().equals("\\xFE"))) {
            where += "; the input may start with a UTF-16 byte-order mark: read it with charset(UTF_16)";
        }
        return new InvalidEncodingException(source, line, column, raw, bytes.byteOffset(), bytes.getMessage() + where,
                bytes);
    }

    /**
     * The column names when the parser had returned no record yet: none when the bad bytes are in the
     * header itself; the header's when the parser had read the header to its end and was looking past
     * a final CR for an LF; the given or generated ones without a header.
     */
    private String[] namesBeforeFirstRecord(String before, FieldLocator.Location at) {
        if (!settings.header) {
            return settings.columnNames != null ? settings.columnNames.toArray(String[]::new)
                    : settings.schema != null ? settings.schema.names().toArray(String[]::new)
                    : CsvParse.generatedNames(at.field() + 1);
        }
        if (at.recordsBefore() == 0) {
            return null;
        }
        if (settings.columnNames != null) {
            return settings.columnNames.toArray(String[]::new);
        }
        String header = before.substring(0, at.firstRecordEnd());
        try (CSVParser parser = CSVParser.parse(new StringReader(header), CsvParse.format(settings))) {
            return parser.iterator().next().stream().map(MissingTokens::text).toArray(String[]::new);
        } catch (IOException | RuntimeException e) {
            return null; // this text parsed once already, so it cannot fail now; the position says enough anyway
        }
    }
}
