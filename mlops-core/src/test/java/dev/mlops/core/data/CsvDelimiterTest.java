package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.FieldType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong delimiter is never silent: when none is set, a file's is detected among comma, tab,
 * semicolon and bar by consistent field counts and reported in the result; header names with
 * surrounding spaces, and a one-column header holding another delimiter, are warned about.
 */
class CsvDelimiterTest {

    @TempDir
    Path dir;

    @Test
    void aSemicolonFileReadWithTheDefaultsIsSplitBySemicolons() {
        CsvResult result = Csv.reader().readString("a;b;c\n1;2;3\n4;5;6\n");
        assertEquals(List.of("a", "b", "c"), result.frame().schema().names());
        assertEquals(";", result.delimiter());
        assertEquals(FieldType.NUMERIC, result.frame().schema().field(1).type());
    }

    @Test
    void tabsAndBarsAreDetectedFromFiles() throws Exception {
        Path tabs = Files.writeString(dir.resolve("t.tsv"), "x\ty\n1\t2\n");
        Path bars = Files.writeString(dir.resolve("b.txt"), "x|y|z\n1|2|3\n");
        assertEquals("\t", Csv.reader().read(tabs).delimiter());
        assertEquals(List.of("x", "y", "z"), Csv.reader().read(bars).frame().schema().names());
    }

    @Test
    void quotedDelimitersDoNotMislead() {
        CsvResult result = Csv.reader().readString("name,note\n\"a\",\"x;y;z\"\n\"b\",\"p;q;r\"\n");
        assertEquals(",", result.delimiter());
        assertEquals("x;y;z", result.frame().categorical("note").value(0));
    }

    @Test
    void aOneColumnFileStaysOneColumn() {
        CsvResult result = Csv.reader().readString("value\n1\n2\n");
        assertEquals(",", result.delimiter());
        assertEquals(1, result.frame().columnCount());
    }

    @Test
    void aDelimiterTheUserSetIsKept() {
        CsvResult result = Csv.reader().delimiter(",").readString("a;b\n1;2\n");
        assertEquals(List.of("a;b"), result.frame().schema().names());
        assertEquals(",", result.delimiter());
    }

    @Test
    void adultReadWithACommaWarnsAboutTheSpacesInItsHeader() {
        CsvResult result = Csv.reader().readString("age, workclass, Salary\n39, State-gov, <=50K\n");
        assertEquals(",", result.delimiter());
        assertEquals(2, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).reason().contains("white space"), result.warnings().toString());
        assertTrue(Csv.reader().delimiter(", ").readString("age, workclass\n39, State-gov\n").warnings().isEmpty());
    }

    @Test
    void aStreamThatCannotBeReadTwiceWarnsInsteadOfGuessing() {
        CsvResult result = Csv.reader().read(new ByteArrayInputStream("a;b;c\n1;2;3\n"
                .getBytes(StandardCharsets.UTF_8)), "stream");
        assertEquals(List.of("a;b;c"), result.frame().schema().names());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).reason().contains("';'"), result.warnings().toString());
    }
}
