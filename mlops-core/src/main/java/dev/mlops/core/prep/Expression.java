package dev.mlops.core.prep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * An arithmetic expression over numeric columns, parsed from text:
 * numbers, column names (plain identifiers, or any name in backquotes such as {@code `capital-gain`}),
 * {@code + - * / ^}, unary minus, parentheses, and the functions {@code abs exp log log1p sqrt}
 * (one argument) and {@code min max pow} (two). Evaluation follows IEEE 754 ({@code log(-1)} is NaN).
 */
final class Expression {

    /** A parsed node; {@code values} gives the value of the i-th referenced column. */
    interface Node {
        double eval(IntToDoubleFunction values);
    }

    private final String text;
    private final List<String> columns = new ArrayList<>();
    /**
     * Parsed expressions by text, so a derived column transforming one prediction row at a time does not
     * parse again per row. A parsed expression is immutable once its constructor returns.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Expression> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED = 1_024;

    /** Deeper nesting is refused rather than allowed to overflow the stack. */
    static final int MAX_DEPTH = 200;

    private final Node root;
    private int position;
    private int depth;

    private Expression(String text) {
        this.text = text;
        this.root = parseSum();
        skipSpaces();
        if (position < text.length()) {
            throw error("unexpected '" + text.charAt(position) + "'");
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the position of the first problem
     */
    static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an expression must not be empty");
        }
        Expression cached = PARSED.get(text);
        if (cached != null) {
            return cached;
        }
        Expression parsed = new Expression(text);
        if (PARSED.size() >= MAX_CACHED) {
            PARSED.clear(); // a crude bound: applications use a handful of expressions, not thousands
        }
        PARSED.put(text, parsed);
        return parsed;
    }

    /** The referenced columns, in order of first use; indexes of {@link Node#eval} follow this order. */
    List<String> columns() {
        return List.copyOf(columns);
    }

    double eval(IntToDoubleFunction values) {
        return root.eval(values);
    }

    private Node parseSum() {
        Node left = parseProduct();
        while (true) {
            skipSpaces();
            if (accept('+')) {
                left = binary(left, parseProduct(), Double::sum);
            } else if (accept('-')) {
                left = binary(left, parseProduct(), (a, b) -> a - b);
            } else {
                return left;
            }
        }
    }

    private Node parseProduct() {
        Node left = parseUnary();
        while (true) {
            skipSpaces();
            if (accept('*')) {
                left = binary(left, parseUnary(), (a, b) -> a * b);
            } else if (accept('/')) {
                left = binary(left, parseUnary(), (a, b) -> a / b);
            } else {
                return left;
            }
        }
    }

    private Node parseUnary() {
        if (++depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        try {
            skipSpaces();
            if (accept('-')) {
                Node operand = parseUnary();
                return v -> -operand.eval(v);
            }
            return parsePower();
        } finally {
            depth--;
        }
    }

    private Node parsePower() {
        Node base = parsePrimary();
        skipSpaces();
        if (accept('^')) {
            return binary(base, parseUnary(), Math::pow);
        }
        return base;
    }

    private Node parsePrimary() {
        skipSpaces();
        if (position >= text.length()) {
            throw error("expected a number, a column or '('");
        }
        char c = text.charAt(position);
        if (accept('(')) {
            Node inner = parseSum();
            expect(')');
            return inner;
        }
        if (accept('`')) {
            int end = text.indexOf('`', position);
            if (end < 0) {
                throw error("unclosed backquote");
            }
            String name = text.substring(position, end);
            position = end + 1;
            return column(name);
        }
        if (Character.isDigit(c) || c == '.') {
            int start = position;
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.'
                    || text.charAt(position) == 'e' || text.charAt(position) == 'E'
                    || (text.charAt(position) == '-' || text.charAt(position) == '+')
                    && (text.charAt(position - 1) == 'e' || text.charAt(position - 1) == 'E'))) {
                position++;
            }
            String literal = text.substring(start, position);
            Double value = dev.mlops.core.data.internal.CellParsers.parseNumber(literal);
            if (value == null) {
                throw error("'" + literal + "' is not a number");
            }
            double constant = value;
            return v -> constant;
        }
        if (Character.isLetter(c) || c == '_') {
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                    || text.charAt(position) == '_')) {
                position++;
            }
            String name = text.substring(start, position);
            skipSpaces();
            if (accept('(')) {
                return function(name);
            }
            return column(name);
        }
        throw error("unexpected '" + c + "'");
    }

    private Node function(String name) {
        List<Node> args = new ArrayList<>();
        skipSpaces();
        if (!accept(')')) {
            do {
                args.add(parseSum());
                skipSpaces();
            } while (accept(','));
            expect(')');
        }
        DoubleUnaryOperator unary = switch (name) {
            case "abs" -> Math::abs;
            case "exp" -> Math::exp;
            case "log" -> Math::log;
            case "log1p" -> Math::log1p;
            case "sqrt" -> Math::sqrt;
            default -> null;
        };
        if (unary != null) {
            arity(name, args, 1);
            Node arg = args.get(0);
            return v -> unary.applyAsDouble(arg.eval(v));
        }
        DoubleBinaryOperator binary = switch (name) {
            case "min" -> Math::min;
            case "max" -> Math::max;
            case "pow" -> Math::pow;
            default -> throw error("unknown function '" + name + "'; known: abs, exp, log, log1p, sqrt, min, max, pow");
        };
        arity(name, args, 2);
        return binary(args.get(0), args.get(1), binary);
    }

    private void arity(String name, List<Node> args, int expected) {
        if (args.size() != expected) {
            throw error(name + " takes " + expected + " argument" + (expected == 1 ? "" : "s") + ", not " + args.size());
        }
    }

    private Node column(String name) {
        if (name.isEmpty()) {
            throw error("empty column name");
        }
        int index = columns.indexOf(name);
        if (index < 0) {
            columns.add(name);
            index = columns.size() - 1;
        }
        int ref = index;
        return v -> v.applyAsDouble(ref);
    }

    private static Node binary(Node left, Node right, DoubleBinaryOperator op) {
        return v -> op.applyAsDouble(left.eval(v), right.eval(v));
    }

    private boolean accept(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpaces();
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("expression '" + text + "', at position " + (position + 1) + ": " + problem);
    }
}
