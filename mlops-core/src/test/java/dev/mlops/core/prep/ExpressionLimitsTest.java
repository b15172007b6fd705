package dev.mlops.core.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * Derived expressions are evaluated without recursion, so their length costs time, not stack; what
 * nests (parentheses, calls, signs in a row, powers) is bounded, and so are terms and length, each
 * refusal naming its limit. Every evaluation here runs on a thread with a 256 KB stack.
 */
class ExpressionLimitsTest {

    private static final Frame FRAME = Frame.of(NumericColumn.of("a", 1.5, -2, 0.25), NumericColumn.of("b", 2, 3, 4));

    /** The value {@code expression} derives for each row of the frame and for the first row alone. */
    private static double[] derive(String expression) {
        return SmallStack.call(() -> {
            FittedStep step = Prep.derive("z", expression).fit(FRAME);
            Frame out = step.transform(FRAME);
            assertEquals(out.row(0), step.transform(FRAME.row(0)));
            double[] values = new double[FRAME.rowCount()];
            for (int row = 0; row < values.length; row++) {
                values[row] = out.numeric("z").value(row);
            }
            return values;
        });
    }

    private static String repeat(String term, String operator, int times) {
        return String.join(operator, Collections.nCopies(times, term));
    }

    @Test
    void aFlatSumOfFiveThousandTermsEvaluatesWithoutOverflowingTheStack() {
        String sum = repeat("a", "+", 5_000);
        assertTrue(sum.length() > 9_000, "about 10 KB");
        double[] values = derive(sum);
        assertEquals(7_500.0, values[0]);
        assertEquals(-10_000.0, values[1]);
        assertEquals(1_250.0, values[2]);
        Features row = SmallStack.call(() -> new Derived("z", sum).transform(Features.of("a", 2.0)));
        assertEquals(10_000.0, row.number("z"));
    }

    @Test
    void longProductQuotientAndDifferenceChainsEvaluateLeftToRight() {
        assertEquals(-2.0, derive("a" + "*1".repeat(4_999))[1]);
        // multiplying and dividing by a power of two is exact, whatever the length
        double[] scaled = derive("a" + "*b/b".repeat(2_500));
        assertEquals(1.5, scaled[0]);
        assertEquals(0.25, scaled[2]);
        assertEquals(4_000.0, derive("0" + "-a".repeat(2_000))[1]);
    }

    @Test
    void signsInARowEvaluateUpToTheDepthLimitAndBeyondAreRefusedNamingIt() {
        assertEquals(1.5, derive("-".repeat(Expression.MAX_DEPTH) + "a")[0]);
        assertEquals(-1.5, derive("-".repeat(Expression.MAX_DEPTH - 1) + "a")[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prep.derive("z", "-".repeat(Expression.MAX_DEPTH + 1) + "a"));
        assertTrue(e.getMessage().contains("nested more than 200 levels deep"), e.getMessage());
    }

    @Test
    void nestedCallsAndParenthesesEvaluateUpToTheDepthLimitAndBeyondAreRefused() {
        int depth = Expression.MAX_DEPTH;
        assertEquals(1.5, derive("abs(".repeat(depth) + "a" + ")".repeat(depth))[0]);
        assertEquals(2.0, derive("max(b, ".repeat(depth) + "a" + ")".repeat(depth))[0]);
        assertEquals(1.5, derive("(".repeat(depth) + "a" + ")".repeat(depth))[0]);
        for (String open : new String[] {"abs(", "(", "min(a, "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Prep.derive("z", open.repeat(depth + 1) + "a" + ")".repeat(depth + 1)));
            assertTrue(e.getMessage().contains("nested more than 200 levels deep"), e.getMessage());
        }
    }

    @Test
    void powerChainsBindToTheRightUpToTheDepthLimit() {
        assertEquals(Math.pow(2, Math.pow(3, 2)), derive("2^3^2")[0]);
        assertEquals(-4.0, derive("-2^2")[0]);
        assertEquals(0.25, derive("2^-2")[0]);
        // b ^ 1 ^ 1 ^ ... ^ 1 is b, with one pending ^ per term
        assertEquals(2.0, derive("b" + "^1".repeat(Expression.MAX_DEPTH - 1))[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prep.derive("z", "b" + "^1".repeat(Expression.MAX_DEPTH + 1)));
        assertTrue(e.getMessage().contains("nested more than 200 levels deep"), e.getMessage());
    }

    @Test
    void moreTermsThanTheLimitAreRefusedNamingIt() {
        assertEquals(1.5 * Expression.MAX_TERMS, derive(repeat("a", "+", Expression.MAX_TERMS))[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prep.derive("z", repeat("a", "+", Expression.MAX_TERMS + 1)));
        assertTrue(e.getMessage().contains("more than 10000 terms (numbers and column references), the limit"),
                e.getMessage());
        assertTrue(e.getMessage().contains("... (20001 characters)"), "the text is abbreviated: " + e.getMessage());
    }

    @Test
    void textLongerThanTheLimitIsRefusedNamingIt() {
        String spaced = "a" + " ".repeat(Expression.MAX_LENGTH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Prep.derive("z", spaced));
        assertEquals("expression of 100001 characters: longer than the limit of 100000", e.getMessage());
    }

    @Test
    void malformedTextStillNamesItsPosition() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Prep.derive("z", "a + * b")).getMessage()
                .endsWith("at position 5: unexpected '*'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Prep.derive("z", "abs()")).getMessage()
                .endsWith("abs takes 1 argument, not 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Prep.derive("z", "max(a)")).getMessage()
                .endsWith("max takes 2 arguments, not 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Prep.derive("z", "a, b")).getMessage()
                .endsWith("at position 2: unexpected ','"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Prep.derive("z", "a)")).getMessage()
                .endsWith("at position 2: unexpected ')'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Prep.derive("z", "(a")).getMessage()
                .endsWith("expected ')'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Prep.derive("z", "a +")).getMessage()
                .endsWith("expected a number, a column or '('"));
    }
}
