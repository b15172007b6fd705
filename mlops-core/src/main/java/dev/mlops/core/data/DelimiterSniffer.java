package dev.mlops.core.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Chooses the delimiter of a file whose reader was given none, as DuckDB's sniffer does, from the
 * first records (quotes respected): the comma when it splits them all into the same number of
 * fields, more than one; else, among tab, {@code ;} and {@code |}, the one that does so with the
 * most fields (ties in that order); else the comma, so a one-column file reads as before. With a
 * schema or column names, the delimiter must give exactly that many fields.
 */
final class DelimiterSniffer {

    static final List<String> CANDIDATES = List.of(",", "\t", ";", "|");
    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final int SAMPLE_RECORDS = 50;

    private DelimiterSniffer() {
    }

    static String sniff(CsvSource source, CsvReader.Settings settings) throws IOException {
        String sample;
        boolean whole;
        try (Reader in = source.open(settings.charset)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            int read = 0;
            try {
                while (text.length() < SAMPLE_CHARS && (read = in.read(buffer)) > 0) {
                    text.append(buffer, 0, read);
                }
            } catch (IOException undecodable) {
                read = 0; // the parse itself reports it, with its place; the valid text before it is the sample
            }
            sample = text.toString();
            whole = read < 0;
        }
        // a schema or column names say how many fields a record has: the delimiter must give that many
        int expected = settings.schema != null ? settings.schema.size()
                : settings.columnNames != null ? settings.columnNames.size() : 0;
        String best = ",";
        int bestFields = 1;
        for (String candidate : CANDIDATES) {
            if (candidate.indexOf(settings.quote) >= 0 || settings.commentMarker != null
                    && candidate.indexOf(settings.commentMarker) >= 0) {
                continue;
            }
            int fields = consistentFields(sample, whole, CsvParse.format(withDelimiter(settings, candidate)));
            if (fields > 1 && (expected > 0 ? fields == expected : candidate.equals(","))) {
                return candidate; // the comma wins whenever it splits consistently
            }
            if (expected == 0 && fields > bestFields) {
                best = candidate;
                bestFields = fields;
            }
        }
        return best;
    }

    /** The field count every sampled record has, or 0 when they disagree or the sample cannot be split. */
    private static int consistentFields(String sample, boolean whole, CSVFormat format) {
        List<Integer> counts = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(sample), format)) {
            for (CSVRecord record : parser) {
                boolean blank = record.size() == 1 && (record.get(0) == null || record.get(0).isEmpty());
                if (!blank) {
                    counts.add(record.size());
                }
                if (counts.size() > SAMPLE_RECORDS) {
                    break;
                }
            }
        } catch (IOException | RuntimeException unsplittable) {
            return 0; // an unclosed quote under this delimiter, say: not this one
        }
        if (!whole && counts.size() > 1) {
            counts.remove(counts.size() - 1); // the sample may cut the last record short
        }
        if (counts.isEmpty() || counts.stream().distinct().count() != 1) {
            return 0;
        }
        return counts.get(0);
    }

    private static CsvReader.Settings withDelimiter(CsvReader.Settings settings, String delimiter) {
        CsvReader.Settings copy = settings.clone();
        copy.delimiter = delimiter;
        return copy;
    }
}
