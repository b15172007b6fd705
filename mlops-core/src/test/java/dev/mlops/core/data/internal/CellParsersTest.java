package dev.mlops.core.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mlops.core.internal.NumberText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CellParsersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0", "-0|-0.0", "+7|7", "39|39", "3.25|3.25", ".5|0.5", "5.|5", "-1e3|-1000", "2.5E-3|0.0025",
        "1e+2|100", "007|7", "NaN|NaN", "nan|NaN", "Infinity|Infinity", "-inf|-Infinity", "+INF|Infinity",
        "9007199254740992|9007199254740992", "0e-999|0", "-0.000e5|-0.0", "2.2250738585072014E-308|2.2250738585072014E-308",
        "123456789012345678901234567890.5|1.2345678901234568E29", "1e23|1e23", "1.0E23|1e23", "6.02214076e23|6.02214076e23",
        "9007199254740993.5|9007199254740994", "9007199254740994|9007199254740994", "1e308|1e308"})
    void acceptsPlainDecimalNumbers(String text, double expected) {
        Double parsed = NumberText.parse(text);
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(parsed), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1d", "1f", "0x10", "0x1p3", "1,5", "1_000", "e5", ".", "-", "+", "1e",
        "1e+", "--1", "1..2", "1e5.5", "Infinityx", "in", "NaNa", "1e999", "-1e400", "9007199254740993",
        "123456789012345678901", "٣", "1e-400", "-1e-400", "4.9e-325", "4.9E-324", "2.225e-308", "1e-310",
        "9007199254740993.0", "9.007199254740993e15", "90071992547409930", "12345678901234567890.000"})
    void refusesEverythingElse(String text) {
        assertNull(NumberText.parse(text), "'" + text + "'");
    }

    @Test
    void explainsRefusals() {
        assertTrue(NumberText.problem("9007199254740993").contains("exactly"));
        assertTrue(NumberText.problem("1e999").contains("range"));
        assertTrue(NumberText.problem(" 1").contains("spaces"));
        assertEquals("is not a number", NumberText.problem("abc"));
    }

    @Test
    void everyDoubleButSubnormalsSurvivesItsJavaTextForm() {
        qt().forAll(doubles().any()).checkAssert(d -> {
            Double back = NumberText.parse(Double.toString(d));
            if (NumberText.isSubnormal(d)) {
                assertNull(back, Double.toString(d));
            } else {
                assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(back), Double.toString(d));
            }
        });
    }

    @Test
    void everyLongWithinTwoToThe53IsExact() {
        qt().forAll(longs().between(-(1L << 53), 1L << 53)).checkAssert(l -> assertEquals((double) l,
                NumberText.parse(Long.toString(l))));
    }

    @Test
    void arbitraryTextNeverThrows() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(text -> {
            NumberText.parse(text);
            CellParsers.parseBoolean(text);
            CellParsers.parseTimestamp(text, ZoneOffset.UTC);
        });
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        assertEquals(Boolean.TRUE, CellParsers.parseBoolean("TRUE"));
        assertEquals(Boolean.FALSE, CellParsers.parseBoolean("False"));
        assertNull(CellParsers.parseBoolean("yes"));
        assertNull(CellParsers.parseBoolean("1"));
        assertNull(CellParsers.parseBoolean("true "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-03-01|2024-03-01T00:00:00Z",
        "2024-03-01T10:15|2024-03-01T10:15:00Z",
        "2024-03-01 10:15:30|2024-03-01T10:15:30Z",
        "2024-03-01T10:15:30.123456|2024-03-01T10:15:30.123456Z",
        "2024-03-01T10:15:30Z|2024-03-01T10:15:30Z",
        "2024-03-01T10:15:30+02:00|2024-03-01T08:15:30Z",
        "2024-03-01T10:15:30-05:30|2024-03-01T15:45:30Z",
        "+10000-01-01T00:00:00Z|+10000-01-01T00:00:00Z",
        "-0001-06-01T00:00:00Z|-0001-06-01T00:00:00Z"})
    void readsIsoDatesAndTimesInUtcByDefault(String text, String expected) {
        assertEquals(Instant.parse(expected), CellParsers.parseTimestamp(text, ZoneOffset.UTC));
    }

    @Test
    void localTimesUseTheGivenZone() {
        assertEquals(Instant.parse("2024-07-01T08:00:00Z"),
                CellParsers.parseTimestamp("2024-07-01T10:00", ZoneId.of("Europe/Paris")));
        assertEquals(Instant.parse("2024-07-01T08:00:00Z"),
                CellParsers.parseTimestamp("2024-07-01T08:00Z", ZoneId.of("Europe/Paris")), "an offset wins");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-13-01", "2024-02-30", "2024-03-01T25:00", "01/02/2024", "2024-3-1",
        "2024-03-01T10:15:30.1234567Z", "20240301", "2024-03-01x", "1.5", "abc"})
    void refusesOtherDateFormsAndSubMicrosecondInstants(String text) {
        assertNull(CellParsers.parseTimestamp(text, ZoneOffset.UTC), text);
    }
}
