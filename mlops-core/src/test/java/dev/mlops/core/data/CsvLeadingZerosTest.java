package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A value with a leading zero followed by more digits is a code (a zip code, a product code, a
 * phone number), not a number: inference never reads such a column as numeric, so no zero is lost.
 */
class CsvLeadingZerosTest {

    @Test
    void zipCodesKeepTheirLeadingZeros() {
        Frame frame = Csv.reader().readString("zip\n08123\n10001\n").frame();
        assertEquals(FieldType.CATEGORICAL, frame.schema().field(0).type());
        assertEquals("08123", frame.categorical("zip").value(0));
        for (String code : List.of("007", "-01", "+012", "00", "0123.5")) {
            assertEquals(FieldType.CATEGORICAL, Csv.reader().readString("c\n" + code + "\n").frame().schema()
                    .field(0).type(), code);
        }
    }

    @Test
    void zerosThatAreNumbersStayNumbers() {
        Frame frame = Csv.reader().readString("x\n0\n0.5\n-0.25\n0e3\n-0\n10\n").frame();
        assertEquals(FieldType.NUMERIC, frame.schema().field(0).type());
        assertEquals(-0.25, frame.numeric("x").get(2));
    }

    @Test
    void aCodeAfterTheInferenceSampleWidensTheColumnInsteadOfLosingItsZero() {
        Frame frame = Csv.reader().inferenceRows(2).readString("id\n1\n2\n3\n007\n").frame();
        assertEquals(FieldType.CATEGORICAL, frame.schema().field(0).type());
        assertEquals("007", frame.categorical("id").value(3));
    }

    @Test
    void aColumnTheUserTypesAsNumericReadsCodesAsNumbers() {
        Frame frame = Csv.reader().type("zip", FieldType.NUMERIC).readString("zip\n08123\n").frame();
        assertEquals(8123.0, frame.numeric("zip").get(0));
    }

    @Test
    void anIntegerColumnInferredNumericWritesBackAsItsSourceText() {
        Gen<String> integer = integers().between(0, 3).zip(integers().between(-100_000, 100_000), (zeros, value) ->
                (value < 0 ? "-" : "") + "0".repeat(zeros) + Math.abs(value));
        qt().withExamples(500).forAll(lists().of(integer).ofSizeBetween(1, 20)).checkAssert(values -> {
            String source = "n\n" + String.join("\n", values) + "\n";
            Frame frame = Csv.reader().readString(source).frame();
            if (frame.schema().field(0).type() == FieldType.NUMERIC) {
                assertEquals(source.replace("\n", System.lineSeparator()).lines().toList(),
                        Csv.writer().writeString(frame).lines().toList(), "numeric inference of " + values);
            } else {
                List<String> kept = new ArrayList<>();
                for (int row = 0; row < frame.rowCount(); row++) {
                    kept.add(frame.categorical("n").value(row));
                }
                assertEquals(values, kept);
            }
        });
    }
}
