package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Timestamps in layouts other than ISO-8601, when the user names the layout. */
class CsvTimestampPatternTest {

    @Test
    void aColumnReadInItsOwnLayout() {
        Frame frame = Csv.reader().timestampFormat("t", "yyyy/MM/dd HH:mm:ss")
                .readString("t,x\n2015/01/01 01:00:00,1\n2015/12/31 23:59:59,2\n").frame();
        assertEquals(FieldType.TIMESTAMP, frame.schema().field(0).type());
        assertEquals(Instant.parse("2015-01-01T01:00:00Z"), frame.timestamp("t").get(0));
        Frame months = Csv.reader().timestampFormat("d", "MMM d yyyy").readString("d\nJan 1 2000\nFeb 29 2000\n")
                .frame();
        assertEquals(Instant.parse("2000-02-29T00:00:00Z"), months.timestamp("d").get(1));
    }

    @Test
    void aValueThatDoesNotMatchNamesLineColumnValueAndPattern() {
        DataException error = assertThrows(DataException.class, () -> Csv.reader()
                .timestampFormat("t", "yyyy/MM/dd").readString("t\n2015/01/01\n2015-01-02\n"));
        assertEquals(3, error.line());
        assertEquals("t", error.column().orElseThrow());
        assertTrue(error.getMessage().contains("2015-01-02") && error.getMessage().contains("'yyyy/MM/dd'"),
                error.getMessage());
    }

    @Test
    void aReaderWideLayoutIsInferredBesideIso() {
        Frame frame = Csv.reader().timestampFormat("dd.MM.yyyy")
                .readString("a,b,c\n01.02.2020,2020-02-01,x\n15.03.2021,2021-03-15,y\n").frame();
        assertEquals(FieldType.TIMESTAMP, frame.schema().field(0).type());
        assertEquals(FieldType.TIMESTAMP, frame.schema().field(1).type());
        assertEquals(frame.timestamp("a").get(0), frame.timestamp("b").get(0));
        assertEquals(FieldType.CATEGORICAL, Csv.reader().readString("a\n01.02.2020\n").frame().schema().field(0)
                .type(), "without the layout it is text");
    }

    @Test
    void timesWithoutAnOffsetAreInTheReadsZone() {
        Frame frame = Csv.reader().zone(ZoneId.of("Europe/Paris")).timestampFormat("t", "yyyy/MM/dd HH:mm")
                .readString("t\n2020/07/01 12:00\n").frame();
        assertEquals(Instant.parse("2020-07-01T10:00:00Z"), frame.timestamp("t").get(0));
    }

    @Test
    void aBadPatternOrAnUnknownColumnIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().timestampFormat("t", "yyyy-MM-dd qqqqqq"));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().timestampFormat("nope", "yyyy")
                .readString("t\n2020\n"));
    }
}
