package dev.mlops.core.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Random expression trees, written out as text with only the parentheses precedence needs (and some
 * more), give exactly what a small independent evaluator of the tree gives, row by row and frame-wide,
 * on a thread with a 256 KB stack: any recursion per term would overflow there. Some trees are long
 * flat chains of thousands of terms.
 */
class ExpressionReferencePropertyTest {

    private static final String[] COLUMNS = {"x0", "x1", "x2", "`c-d`"};
    private static final String[] NAMES = {"x0", "x1", "x2", "c-d"};
    private static final Frame FRAME = Frame.of(NumericColumn.of("x0", 1.5, -2, 0, 1e300, -0.0),
            NumericColumn.of("x1", 3, 0.1, -7.25, 2, 1e-300), NumericColumn.of("x2", -1, 4, 0.5, 0, 10),
            NumericColumn.of("c-d", 2, 2, -3, 1e-5, 6));

    private static final int ATOM = 5;
    private static final int POWER = 4;
    private static final int SIGN = 3;
    private static final int PRODUCT = 2;
    private static final int SUM = 1;

    /** An expression tree that evaluates itself and writes itself out. */
    private interface Tree {
        double eval(double[] columns);

        String text();

        int precedence();
    }

    private record Constant(double value) implements Tree {
        public double eval(double[] columns) {
            return value;
        }

        public String text() {
            return Double.toString(value);
        }

        public int precedence() {
            return ATOM;
        }
    }

    private record Column(int index) implements Tree {
        public double eval(double[] columns) {
            return columns[index];
        }

        public String text() {
            return COLUMNS[index];
        }

        public int precedence() {
            return ATOM;
        }
    }

    private record Parenthesized(Tree inner) implements Tree {
        public double eval(double[] columns) {
            return inner.eval(columns);
        }

        public String text() {
            return "(" + inner.text() + ")";
        }

        public int precedence() {
            return ATOM;
        }
    }

    private record Negated(Tree operand) implements Tree {
        public double eval(double[] columns) {
            return -operand.eval(columns);
        }

        public String text() {
            return "-" + wrap(operand, operand.precedence() < SIGN);
        }

        public int precedence() {
            return SIGN;
        }
    }

    private record Power(Tree base, Tree exponent) implements Tree {
        public double eval(double[] columns) {
            return Math.pow(base.eval(columns), exponent.eval(columns));
        }

        public String text() {
            return wrap(base, base.precedence() < ATOM) + "^" + wrap(exponent, exponent.precedence() < SIGN);
        }

        public int precedence() {
            return POWER;
        }
    }

    /** {@code first op operand op operand ...}, evaluated left to right by a loop. */
    private record Chain(int precedence, Tree first, List<Character> operators, List<Tree> operands) implements Tree {
        public double eval(double[] columns) {
            double value = first.eval(columns);
            for (int i = 0; i < operands.size(); i++) {
                double next = operands.get(i).eval(columns);
                value = switch (operators.get(i)) {
                    case '+' -> value + next;
                    case '-' -> value - next;
                    case '*' -> value * next;
                    default -> value / next;
                };
            }
            return value;
        }

        public String text() {
            StringBuilder text = new StringBuilder(wrap(first, first.precedence() < precedence));
            for (int i = 0; i < operands.size(); i++) {
                text.append(operators.get(i)).append(wrap(operands.get(i), operands.get(i).precedence() <= precedence));
            }
            return text.toString();
        }
    }

    private record Call(String name, DoubleUnaryOperator unary, DoubleBinaryOperator binary, List<Tree> arguments)
            implements Tree {
        public double eval(double[] columns) {
            return unary != null ? unary.applyAsDouble(arguments.get(0).eval(columns))
                    : binary.applyAsDouble(arguments.get(0).eval(columns), arguments.get(1).eval(columns));
        }

        public String text() {
            return name + "(" + String.join(", ", arguments.stream().map(Tree::text).toList()) + ")";
        }

        public int precedence() {
            return ATOM;
        }
    }

    private static String wrap(Tree tree, boolean needed) {
        return needed ? "(" + tree.text() + ")" : tree.text();
    }

    private static Gen<Tree> trees() {
        return in -> {
            // one tree in ten is a long flat chain, the shape that used to overflow the stack
            if (in.next(Constraint.between(0, 9)) == 0) {
                return chain(in, 0, (int) in.next(Constraint.between(1_000, 4_000)));
            }
            // at most 4^5 terms, well within the limit
            return tree(in, (int) in.next(Constraint.between(0, 5)));
        };
    }

    private static Tree tree(RandomnessSource in, int depth) {
        Tree tree = depth == 0 ? leaf(in) : switch ((int) in.next(Constraint.between(0, 5))) {
            case 0 -> leaf(in);
            case 1 -> new Negated(tree(in, depth - 1));
            case 2 -> new Power(tree(in, depth - 1), tree(in, depth - 1));
            case 3 -> chain(in, depth, (int) in.next(Constraint.between(2, 4)));
            case 4 -> call(in, depth);
            default -> chain(in, depth, 2);
        };
        return in.next(Constraint.between(0, 7)) == 0 ? new Parenthesized(tree) : tree;
    }

    private static Tree chain(RandomnessSource in, int depth, int terms) {
        boolean sum = in.next(Constraint.between(0, 1)) == 0;
        Tree first = depth == 0 ? leaf(in) : tree(in, depth - 1);
        List<Character> operators = new ArrayList<>();
        List<Tree> operands = new ArrayList<>();
        for (int i = 1; i < terms; i++) {
            boolean second = in.next(Constraint.between(0, 1)) == 0;
            operators.add(sum ? (second ? '-' : '+') : (second ? '/' : '*'));
            operands.add(depth == 0 ? leaf(in) : tree(in, depth - 1));
        }
        return new Chain(sum ? SUM : PRODUCT, first, operators, operands);
    }

    private static Tree call(RandomnessSource in, int depth) {
        return switch ((int) in.next(Constraint.between(0, 7))) {
            case 0 -> new Call("abs", Math::abs, null, List.of(tree(in, depth - 1)));
            case 1 -> new Call("exp", Math::exp, null, List.of(tree(in, depth - 1)));
            case 2 -> new Call("log", Math::log, null, List.of(tree(in, depth - 1)));
            case 3 -> new Call("log1p", Math::log1p, null, List.of(tree(in, depth - 1)));
            case 4 -> new Call("sqrt", Math::sqrt, null, List.of(tree(in, depth - 1)));
            case 5 -> new Call("min", null, Math::min, List.of(tree(in, depth - 1), tree(in, depth - 1)));
            case 6 -> new Call("max", null, Math::max, List.of(tree(in, depth - 1), tree(in, depth - 1)));
            default -> new Call("pow", null, Math::pow, List.of(tree(in, depth - 1), tree(in, depth - 1)));
        };
    }

    private static Tree leaf(RandomnessSource in) {
        return switch ((int) in.next(Constraint.between(0, 3))) {
            case 0 -> new Constant(in.next(Constraint.between(0, 20)) / 4.0);
            case 1 -> new Constant(in.next(Constraint.between(1, 1_000_000)) * 1e-7);
            default -> new Column((int) in.next(Constraint.between(0, COLUMNS.length - 1)));
        };
    }

    @Test
    void randomExpressionTreesAgreeWithAReferenceEvaluatorOnASmallStack() {
        SmallStack.run(() -> qt().withExamples(600).forAll(trees()).checkAssert(tree -> {
            String text = tree.text();
            FittedStep step = Prep.derive("z", text).fit(FRAME);
            Frame out = step.transform(FRAME);
            for (int row = 0; row < FRAME.rowCount(); row++) {
                double[] values = new double[COLUMNS.length];
                for (int column = 0; column < values.length; column++) {
                    values[column] = FRAME.numeric(NAMES[column]).value(row);
                }
                double expected = tree.eval(values);
                String where = "row " + row + " of " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
                assertEquals(expected, out.numeric("z").value(row), where);
                Features prepared = step.transform(FRAME.row(row));
                assertEquals(expected, prepared.number("z"), where);
            }
        }));
    }
}
