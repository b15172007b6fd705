package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Issue 11, item 14, as a property: a random valid CSV file (quoted fields with line breaks, LF, CRLF
 * and CR line ends, multi-byte characters, with or without a BOM, plain or gzip) with one bad byte
 * planted at a random character boundary is refused naming exactly the bad byte's line, byte offset
 * and column.
 */
class CsvInvalidEncodingPropertyTest {

    private static final List<String> PLAIN = List.of("a", "7", "é", "中", "😀", " ", "x y", "-1.5");
    private static final List<String> QUOTED = List.of("a", "é", ",", "\"\"", "\n", "\r\n", "\r", "😀", " ");
    private static final List<String> LINE_ENDS = List.of("\n", "\r\n", "\r");
    /** Bytes never valid where a character starts in UTF-8: continuation bytes, overlong and out-of-range leads, and leads cut short. */
    private static final int[] BAD = {0x80, 0xA9, 0xBF, 0xC0, 0xC1, 0xF5, 0xF8, 0xFE, 0xFF, 0xC3, 0xE2, 0xF0};

    /** A CSV text and the positions where its fields start: {@code starts[i]} begins field {@code fields[i]} of record {@code records[i]}. */
    private record Sample(String text, int columns, List<Integer> starts, List<Integer> records, List<Integer> fields) {
    }

    /** Where a bad byte goes and how the file is stored. */
    private record Planted(Sample csv, int at, int bad, boolean bom, boolean gzip) {
    }

    private static int between(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private static String pick(RandomnessSource in, List<String> pieces) {
        return pieces.get(between(in, 0, pieces.size() - 1));
    }

    private static Gen<Sample> files() {
        return in -> {
            int columns = between(in, 1, 4);
            int rows = between(in, 0, 12);
            StringBuilder text = new StringBuilder();
            List<Integer> starts = new ArrayList<>();
            List<Integer> records = new ArrayList<>();
            List<Integer> fields = new ArrayList<>();
            for (int record = 0; record <= rows; record++) {
                for (int field = 0; field < columns; field++) {
                    if (field > 0) {
                        text.append(',');
                    }
                    starts.add(text.length());
                    records.add(record);
                    fields.add(field);
                    if (record == 0) {
                        text.append('c').append(field + 1);
                    } else if (between(in, 0, 2) == 0) {
                        text.append('"');
                        for (int p = between(in, 0, 4); p > 0; p--) {
                            text.append(pick(in, QUOTED));
                        }
                        text.append('"');
                    } else {
                        for (int p = between(in, 0, 3); p > 0; p--) {
                            text.append(pick(in, PLAIN));
                        }
                    }
                }
                if (record < rows || between(in, 0, 1) == 0) {
                    String end = pick(in, LINE_ENDS);
                    text.append(end);
                    if (end.equals("\r\n")) {
                        // between CR and LF the CR has ended the line: a byte there starts the next record
                        starts.add(text.length() - 1);
                        records.add(record + 1);
                        fields.add(0);
                    }
                    starts.add(text.length());
                    records.add(record + 1);
                    fields.add(0);
                }
            }
            return new Sample(text.toString(), columns, starts, records, fields);
        };
    }

    private static Gen<Planted> planted() {
        return in -> {
            Sample csv = files().generate(in);
            int at = between(in, 0, csv.text().length());
            if (at > 0 && Character.isHighSurrogate(csv.text().charAt(at - 1))) {
                at--; // a character boundary, not the middle of a surrogate pair
            }
            return new Planted(csv, at, BAD[between(in, 0, BAD.length - 1)], between(in, 0, 1) == 0,
                    between(in, 0, 1) == 0);
        };
    }

    private static byte[] bytes(Planted p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (p.bom()) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.writeBytes(p.csv().text().substring(0, p.at()).getBytes(StandardCharsets.UTF_8));
        out.write(p.bad());
        out.writeBytes(p.csv().text().substring(p.at()).getBytes(StandardCharsets.UTF_8));
        if (!p.gzip()) {
            return out.toByteArray();
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }

    /** 1 plus the line breaks before {@code at}: LF, CR and CRLF each count once, quoted or not. */
    private static long expectedLine(String text, int at) {
        long line = 1;
        for (int i = 0; i < at; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == at || text.charAt(i + 1) != '\n')) {
                line++;
            }
        }
        return line;
    }

    @Test
    void aBadBytePlantedAnywhereIsReportedAtExactlyItsLineOffsetAndColumn() {
        qt().withExamples(2_000).forAll(planted()).checkAssert(p -> {
            InvalidEncodingException e = assertThrows(InvalidEncodingException.class, () -> Csv.reader().read(new ByteArrayInputStream(bytes(p)), "planted.csv"));
            String text = p.csv().text();
            assertEquals(expectedLine(text, p.at()), e.line(), e::getMessage);
            long offset = (p.bom() ? 3 : 0) + text.substring(0, p.at()).getBytes(StandardCharsets.UTF_8).length;
            assertEquals(offset, e.byteOffset(), e::getMessage);
            int i = p.csv().starts().size() - 1;
            while (p.csv().starts().get(i) > p.at()) {
                i--;
            }
            int record = p.csv().records().get(i);
            int field = p.csv().fields().get(i);
            if (record == 0) {
                assertTrue(e.column().isEmpty(), e::getMessage);
                assertTrue(e.reason().contains("in column " + (field + 1) + " of the header"), e::getMessage);
            } else {
                assertEquals("c" + (field + 1), e.column().orElseThrow(), e::getMessage);
            }
            assertTrue(e.rawValue().orElseThrow().endsWith(String.format("\\x%02X", p.bad())), e::getMessage);
            assertEquals(p.gzip(), e.reason().contains("gunzipped"), e::getMessage);
        });
    }
}
