package dev.mlops.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Issue 11, item 15: one rule for every number literal, checked against the rule computed
 * independently with {@link BigDecimal} from the literal's text, and against every double's text forms.
 */
class NumberLiteralPropertyTest {

    private static int between(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private static String digits(RandomnessSource in, int min, int max) {
        int n = between(in, min, max);
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            // zeros are drawn often, so that exact zeros, trailing zeros and round integers come up
            digits.append(between(in, 0, 2) == 0 ? '0' : (char) ('0' + between(in, 0, 9)));
        }
        return digits.toString();
    }

    /** A number literal written in one of the grammar's ways, with exponents around every boundary. */
    private static Gen<String> literals() {
        return in -> {
            String sign = switch (between(in, 0, 2)) {
                case 0 -> "-";
                case 1 -> "+";
                default -> "";
            };
            String integer = digits(in, 0, 40);
            String fraction = between(in, 0, 2) == 0 ? "" : "." + digits(in, integer.isEmpty() ? 1 : 0, 25);
            if (integer.isEmpty() && fraction.isEmpty()) {
                integer = "0";
            }
            String exponent = switch (between(in, 0, 4)) {
                case 0 -> "";
                case 1 -> "e" + between(in, -400, 400);
                case 2 -> "E" + between(in, -345, -290);  // underflow and subnormal boundaries
                case 3 -> "e+" + between(in, 0, 30);      // around 2^53
                default -> "e" + between(in, 290, 320);   // overflow boundary
            };
            return sign + integer + fraction + exponent;
        };
    }

    /** The rule of {@link NumberLiteral}, computed from the text alone with BigDecimal. */
    private static NumberLiteral.Kind expectedKind(String literal) {
        BigDecimal exact = new BigDecimal(literal);
        if (exact.signum() == 0) {
            return NumberLiteral.Kind.HELD;
        }
        double nearest = exact.doubleValue();
        if (Double.isInfinite(nearest)) {
            return NumberLiteral.Kind.OUT_OF_RANGE;
        }
        if (Math.abs(nearest) < Double.MIN_NORMAL) {
            return NumberLiteral.Kind.UNDERFLOW;
        }
        boolean integer = exact.remainder(BigDecimal.ONE).signum() == 0;
        String mantissa = literal.split("[eE]")[0];
        int point = mantissa.indexOf('.');
        int fractionDigits = point < 0 ? 0 : mantissa.length() - point - 1;
        int exponent = literal.matches(".*[eE].*") ? Integer.parseInt(literal.split("[eE]")[1].replace("+", "")) : 0;
        BigDecimal lastDigitUnit = new BigDecimal(BigInteger.ONE, fractionDigits - exponent);
        BigDecimal error = new BigDecimal(nearest).subtract(exact).abs();
        return integer && error.compareTo(lastDigitUnit) >= 0 ? NumberLiteral.Kind.INEXACT_INTEGER
                : NumberLiteral.Kind.HELD;
    }

    @Test
    void acceptanceEqualsTheRuleComputedWithBigDecimal() {
        qt().withExamples(8_000).forAll(literals()).checkAssert(literal -> {
            NumberLiteral read = NumberLiteral.read(literal);
            assertEquals(expectedKind(literal), read.kind(), literal);
            Double parsed = NumberText.parse(literal);
            if (read.kind() == NumberLiteral.Kind.HELD) {
                assertEquals(Double.doubleToLongBits(Double.parseDouble(literal)), Double.doubleToLongBits(parsed),
                        literal);
            } else {
                assertNull(parsed, literal);
            }
        });
    }

    @Test
    void bigIntegersAreReadOnlyWhenTheirDoubleIsExact() {
        Gen<BigInteger> integers = in -> new BigInteger(digits(in, 1, 30).replaceFirst("^0*$", "0"));
        qt().withExamples(5_000).forAll(integers).checkAssert(value -> {
            boolean exact = new BigDecimal(value).compareTo(new BigDecimal(value.doubleValue())) == 0;
            for (String spelling : new String[] {value.toString(), value + ".0", value + ".000",
                new BigDecimal(value).movePointLeft(value.toString().length() - 1) + "e" + (value.toString().length() - 1)}) {
                NumberLiteral read = NumberLiteral.read(spelling);
                assertEquals(exact ? NumberLiteral.Kind.HELD : NumberLiteral.Kind.INEXACT_INTEGER, read.kind(),
                        spelling);
                assertEquals(value.doubleValue(), read.value(), spelling);
            }
        });
    }

    /** Doubles from the whole range, with many from 2^53 up, where the integer rule bites. */
    private static Gen<Double> doublesOfEveryScale() {
        Gen<Double> big = in -> {
            long exponent = in.next(Constraint.between(1023 + 53, 1023 + 120));
            long mantissa = in.next(Constraint.between(0, (1L << 52) - 1));
            double d = Double.longBitsToDouble(exponent << 52 | mantissa);
            return in.next(Constraint.between(0, 1)) == 0 ? d : -d;
        };
        return doubles().any().mix(big, 50);
    }

    @Test
    void everyDoubleButSubnormalsReadsBackFromItsJavaTextAndItsWrittenForm() {
        qt().withExamples(10_000).forAll(doublesOfEveryScale()).checkAssert(d -> {
            for (String text : new String[] {Double.toString(d), NumberText.format(d)}) {
                Double back = NumberText.parse(text);
                if (NumberText.isSubnormal(d)) {
                    assertNull(back, text);
                } else {
                    assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(back), text);
                }
            }
        });
    }
}
