package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Schema;
import dev.mlops.core.internal.NumberLiteral;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Issue 11, item 15: {@code 1e-400} and {@code 4.9e-325} were read as 0.0 while {@code 1e999} was
 * refused, and {@code 9007199254740993.0} was rounded while {@code 9007199254740993} was refused. One
 * rule now holds on every path that reads numbers: an explicit schema, type inference, a stream, and
 * what the writer writes.
 */
class CsvNumberRuleTest {

    private static final Schema NUMBER = Schema.of(Field.numeric("v"));

    @ParameterizedTest
    @ValueSource(strings = {"1e-400", "-1e-400", "4.9e-325", "4.9E-324", "2e-310", "1e999", "-1e400",
        "9007199254740993", "9007199254740993.0", "9.007199254740993e15", "-9007199254740993.000",
        "12345678901234567890"})
    void underflowsAndInexactIntegersAreRefusedLikeOverflowWithAnExplicitSchema(String text) {
        DataException e = assertThrows(DataException.class,
                () -> Csv.reader().schema(NUMBER).readString("v\n1\n" + text + "\n"));
        assertEquals(3, e.line());
        assertEquals("v", e.column().orElseThrow());
        assertEquals(text, e.rawValue().orElseThrow());
        assertTrue(e.reason().contains("exactly") || e.reason().contains("zero") || e.reason().contains("range"),
                e.getMessage());
    }

    @Test
    void theRefusalSaysWhatTheDoubleWouldHaveBeen() {
        assertTrue(assertThrows(DataException.class, () -> Csv.reader().schema(NUMBER).readString("v\n1e-400\n"))
                .reason().contains("would hold it as 0 (underflow)"));
        assertTrue(assertThrows(DataException.class, () -> Csv.reader().schema(NUMBER).readString("v\n4.9e-325\n"))
                .reason().contains("would hold it as 0 (underflow)"));
        assertTrue(assertThrows(DataException.class, () -> Csv.reader().schema(NUMBER).readString("v\n1e-320\n"))
                .reason().contains("subnormal 1.0E-320"));
        DataException integer = assertThrows(DataException.class,
                () -> Csv.reader().schema(NUMBER).readString("v\n9007199254740993.0\n"));
        assertTrue(integer.reason().contains("it would be 9007199254740992")
                && integer.reason().contains("inexactNumbers(InexactNumbers.ROUND)"), integer.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "-0", "0e-999", "-0.000E+5", "1e23", "6.02214076e23", "1.0E23",
        "9007199254740992", "9007199254740992.000", "9007199254740993.5", "0.1", "2.2250738585072014E-308",
        "1.7976931348623157E308", "3.141592653589793238462643383279"})
    void exactZerosMeasurementsAndHeldIntegersAreRead(String text) {
        Frame frame = Csv.reader().schema(NUMBER).readString("v\n" + text + "\n").frame();
        assertEquals(Double.doubleToLongBits(Double.parseDouble(text)),
                Double.doubleToLongBits(frame.numeric("v").value(0)), text);
        assertEquals(FieldType.NUMERIC, Csv.reader().readString("v\n" + text + "\n").frame().column("v").type(),
                "inferred as a number too");
    }

    @Test
    void inferenceKeepsTheTextOfAColumnHoldingANumberADoubleCannotHold() {
        Frame ids = Csv.reader().readString("id\n1\n9007199254740993\n").frame();
        assertEquals(FieldType.CATEGORICAL, ids.column("id").type());
        assertEquals("9007199254740993", ids.categorical("id").value(1), "the id survives as written");
        Frame tiny = Csv.reader().inferenceRows(1).readString("x\n1\n1e-400\n").frame();
        assertEquals(FieldType.CATEGORICAL, tiny.column("x").type(), "a late underflow widens the column on a re-read");
        CsvResult stream = Csv.reader().inferenceRows(1).errorMode(ErrorMode.LENIENT)
                .read(new StringReader("x\n1\n4.9e-325\n"), "stream");
        assertEquals(FieldType.NUMERIC, stream.frame().column("x").type());
        assertEquals(3, stream.rejected().get(0).line(), "a stream cannot be re-read: the value is a bad record");
    }

    @Test
    void roundingIsAnOptInThatWarnsOncePerColumn() {
        String text = "a,b,c\n9007199254740993,1e-400,1\n2,4.9e-324,2\n9007199254740995,0,3\n";
        CsvResult result = Csv.reader().inexactNumbers(InexactNumbers.ROUND).readString(text);
        Frame frame = result.frame();
        assertEquals(FieldType.NUMERIC, frame.column("a").type());
        assertEquals(9007199254740992.0, frame.numeric("a").value(0));
        assertEquals(0.0, frame.numeric("b").value(0));
        assertEquals(Double.MIN_VALUE, frame.numeric("b").value(1));
        assertTrue(result.isClean(), "rounded values are accepted");
        List<CsvWarning> warnings = result.warnings();
        assertEquals(List.of("a", "b"), warnings.stream().map(CsvWarning::column).toList());
        assertEquals(2, warnings.get(0).count());
        assertEquals(2, warnings.get(0).firstLine());
        assertEquals("9007199254740993", warnings.get(0).firstRawValue());
        assertEquals(2, warnings.get(1).count());
        assertTrue(warnings.get(1).reason().contains("underflow"), warnings.get(1).toString());
        assertTrue(Csv.reader().readString("a\n1\n").warnings().isEmpty());
    }

    @Test
    void roundingStillRefusesOverflowAndCountsOnlyCommittedRecords() {
        DataException overflow = assertThrows(DataException.class,
                () -> Csv.reader().inexactNumbers(InexactNumbers.ROUND).schema(NUMBER).readString("v\n1e999\n"));
        assertTrue(overflow.reason().contains("range"), overflow.getMessage());
        Schema two = Schema.of(Field.numeric("a"), Field.numeric("b"));
        CsvResult result = Csv.reader().inexactNumbers(InexactNumbers.ROUND).errorMode(ErrorMode.LENIENT).schema(two)
                .readString("a,b\n1e-400,x\n1e-400,1\n");
        assertEquals(1, result.rejected().size());
        assertEquals(1, result.warnings().get(0).count(), "the rejected record's value was never read");
        assertEquals(3, result.warnings().get(0).firstLine());
    }

    @Test
    void theWriterRefusesSubnormalsSinceNoTextReadsBackAsOne() {
        Frame frame = Frame.of(NumericColumn.of("v", 1.0, Double.MIN_VALUE));
        DataException e = assertThrows(DataException.class, () -> Csv.writer().writeString(frame));
        assertEquals(3, e.line());
        assertEquals("v", e.column().orElseThrow());
        assertTrue(e.reason().contains("subnormal"), e.getMessage());
        Frame normal = Frame.of(NumericColumn.of("v", Double.MIN_NORMAL, -0.0, 9007199254740994.0, 1e300, 0.1));
        assertEquals(normal, Csv.reader().schema(normal.schema()).readString(Csv.writer().writeString(normal)).frame());
    }

    /** Literals near every boundary of the rule, from the generator the rule's own property uses. */
    private static Gen<String> literals() {
        return in -> {
            String mantissa = switch ((int) in.next(Constraint.between(0, 3))) {
                case 0 -> "9007199254740993";
                case 1 -> "4.9";
                case 2 -> Long.toString(in.next(Constraint.between(0, Long.MAX_VALUE)));
                default -> "0.5";
            };
            return mantissa + "e" + in.next(Constraint.between(-400, 400));
        };
    }

    @Test
    void everyPathReadsANumberExactlyWhenTheRuleHoldsIt() {
        qt().withExamples(1_000).forAll(literals()).checkAssert(text -> {
            NumberLiteral rule = NumberLiteral.read(text);
            boolean held = rule.kind() == NumberLiteral.Kind.HELD;
            String csv = "v\n" + text + "\n";
            CsvResult explicit = Csv.reader().schema(NUMBER).errorMode(ErrorMode.LENIENT).readString(csv);
            assertEquals(held, explicit.isClean(), text);
            FieldType inferred = Csv.reader().readString(csv).frame().column("v").type();
            assertEquals(held ? FieldType.NUMERIC : FieldType.CATEGORICAL, inferred, text);
            CsvResult rounded = Csv.reader().schema(NUMBER).errorMode(ErrorMode.LENIENT)
                    .inexactNumbers(InexactNumbers.ROUND).readString(csv);
            assertEquals(held || rule.roundable(), rounded.isClean(), text);
            assertEquals(rule.roundable() ? 1 : 0, rounded.warnings().size(), text);
            if (rounded.isClean()) {
                double value = rounded.frame().numeric("v").value(0);
                assertEquals(Double.doubleToLongBits(Double.parseDouble(text)), Double.doubleToLongBits(value), text);
                if (!rule.roundable()) {
                    Frame back = Csv.reader().schema(NUMBER).readString(Csv.writer().writeString(rounded.frame()))
                            .frame();
                    assertEquals(rounded.frame(), back, "the writer's form reads back: " + text);
                }
            }
        });
    }
}
