package dev.mlops.core.prep;

import dev.mlops.core.internal.NumberText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntToDoubleFunction;

/**
 * An arithmetic expression over numeric columns, parsed from text:
 * numbers, column names (plain identifiers, or any name in backquotes such as {@code `capital-gain`}),
 * {@code + - * / ^}, unary minus, parentheses, and the functions {@code abs exp log log1p sqrt}
 * (one argument) and {@code min max pow} (two). {@code ^} binds tighter than unary minus and to the
 * right ({@code -2^2} is -4, {@code 2^3^2} is 512); the others bind to the left. Evaluation follows
 * IEEE 754 ({@code log(-1)} is NaN).
 *
 * <p>Neither parsing nor evaluation recurses: the text is compiled by an operator-precedence parser
 * with explicit stacks into postfix code, which {@link #eval} runs in one loop over an operand stack
 * of a size known after parsing. A chain of thousands of terms ({@code a+a+...}) therefore costs
 * time in proportion to its length but no stack. Limits keep a hostile text (say, from a bundle file)
 * from costing much of anything: {@value #MAX_LENGTH} characters, {@value #MAX_TERMS} terms (numbers
 * and column references) and {@value #MAX_DEPTH} levels of nesting (open parentheses and function
 * calls, unary minus signs in a row, and pending {@code ^}).
 */
final class Expression {

    /** Longest text parsed. */
    static final int MAX_LENGTH = 100_000;
    /** Most numbers and column references. */
    static final int MAX_TERMS = 10_000;
    /** Deepest nesting. */
    static final int MAX_DEPTH = 200;

    /**
     * Parsed expressions by text, so a derived column transforming one prediction row at a time does not
     * parse again per row. A parsed expression is immutable. Only short texts are kept, so the cache's
     * memory is bounded; a long text is re-parsed per row, which costs about what evaluating it does.
     */
    private static final Map<String, Expression> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 1_024;
    private static final int MAX_CACHED_LENGTH = 4_096;

    // instructions: the operation in the low byte, an operand's index above it
    private static final int CONSTANT = 0;
    private static final int COLUMN = 1;
    private static final int NEGATE = 2;
    private static final int ADD = 3;
    private static final int SUBTRACT = 4;
    private static final int MULTIPLY = 5;
    private static final int DIVIDE = 6;
    private static final int POWER = 7;
    private static final int ABS = 8;
    private static final int EXP = 9;
    private static final int LOG = 10;
    private static final int LOG1P = 11;
    private static final int SQRT = 12;
    private static final int MIN = 13;
    private static final int MAX = 14;
    private static final int OPERATION_BITS = 8;
    private static final int OPERATION_MASK = (1 << OPERATION_BITS) - 1;

    private final List<String> columns;
    private final int[] code;
    private final double[] constants;
    private final int stackSize;

    private Expression(List<String> columns, int[] code, double[] constants, int stackSize) {
        this.columns = List.copyOf(columns);
        this.code = code;
        this.constants = constants;
        this.stackSize = stackSize;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the position of the first problem, or the limit exceeded
     */
    static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an expression must not be empty");
        }
        Expression cached = PARSED.get(text);
        if (cached != null) {
            return cached;
        }
        Expression parsed = new Compiler(text).compile();
        if (text.length() <= MAX_CACHED_LENGTH) {
            if (PARSED.size() >= MAX_CACHED) {
                PARSED.clear(); // a crude bound: applications use a handful of expressions, not thousands
            }
            PARSED.put(text, parsed);
        }
        return parsed;
    }

    /** The referenced columns, in order of first use; indexes given to {@link #eval} follow this order. */
    List<String> columns() {
        return columns;
    }

    /** The value, with {@code values} giving the value of the i-th referenced column. */
    double eval(IntToDoubleFunction values) {
        double[] stack = new double[stackSize];
        int top = -1;
        for (int instruction : code) {
            int operation = instruction & OPERATION_MASK;
            if (operation == CONSTANT) {
                stack[++top] = constants[instruction >>> OPERATION_BITS];
            } else if (operation == COLUMN) {
                stack[++top] = values.applyAsDouble(instruction >>> OPERATION_BITS);
            } else if (takesTwo(operation)) {
                top--;
                stack[top] = binary(operation, stack[top], stack[top + 1]);
            } else {
                stack[top] = unary(operation, stack[top]);
            }
        }
        return stack[0];
    }

    private static boolean takesTwo(int operation) {
        return operation >= ADD && operation <= POWER || operation == MIN || operation == MAX;
    }

    private static double unary(int operation, double x) {
        return switch (operation) {
            case NEGATE -> -x;
            case ABS -> Math.abs(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case SQRT -> Math.sqrt(x);
            default -> throw new IllegalStateException("not a unary operation: " + operation);
        };
    }

    private static double binary(int operation, double x, double y) {
        return switch (operation) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
            case POWER -> Math.pow(x, y);
            case MIN -> Math.min(x, y);
            case MAX -> Math.max(x, y);
            default -> throw new IllegalStateException("not a binary operation: " + operation);
        };
    }

    /** A function by name: its instruction and how many arguments it takes. */
    private record Function(String name, int operation, int arity) {

        static final List<Function> ALL = List.of(new Function("abs", ABS, 1), new Function("exp", EXP, 1),
                new Function("log", LOG, 1), new Function("log1p", LOG1P, 1), new Function("sqrt", SQRT, 1),
                new Function("min", MIN, 2), new Function("max", MAX, 2), new Function("pow", POWER, 2));

        static Function named(String name) {
            return ALL.stream().filter(f -> f.name.equals(name)).findFirst().orElse(null);
        }
    }

    /**
     * Something the parser has seen but not yet emitted: an operator waiting for its right operand
     * and for operators of lower precedence, an open parenthesis, or a function call collecting its
     * arguments.
     */
    private static final class Pending {
        final int operation;
        final int precedence;
        final Function function;
        int arguments;

        Pending(int operation, int precedence, Function function) {
            this.operation = operation;
            this.precedence = precedence;
            this.function = function;
        }

        boolean opensGroup() {
            return precedence == GROUP;
        }
    }

    private static final int GROUP = 0;
    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int SIGN = 3;
    private static final int EXPONENT = 4;

    /** Turns text into postfix code in one pass, with explicit stacks instead of recursion. */
    private static final class Compiler {
        private final String text;
        private final List<String> columns = new ArrayList<>();
        private final Map<String, Integer> indexes = new HashMap<>();
        private final Deque<Pending> pending = new ArrayDeque<>();
        private int[] code = new int[16];
        private int length;
        private double[] constants = new double[4];
        private int constantCount;
        private int position;
        private int terms;
        private int stack;
        private int stackSize;

        Compiler(String text) {
            this.text = text;
        }

        Expression compile() {
            if (text.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("expression of " + text.length() + " characters: longer than the"
                        + " limit of " + MAX_LENGTH);
            }
            boolean operandNext = true;
            for (skipSpaces(); position < text.length(); skipSpaces()) {
                operandNext = operandNext ? operand() : operator();
            }
            if (operandNext) {
                throw error("expected a number, a column or '('");
            }
            while (!pending.isEmpty()) {
                if (pending.peek().opensGroup()) {
                    throw error("expected ')'");
                }
                emit(pending.pop().operation, 0);
            }
            return new Expression(columns, Arrays.copyOf(code, length), Arrays.copyOf(constants, constantCount),
                    stackSize);
        }

        /** Reads what may start an operand; returns whether an operand is still expected. */
        private boolean operand() {
            char c = text.charAt(position);
            if (accept('-')) {
                push(new Pending(NEGATE, SIGN, null));
                return true;
            }
            if (accept('(')) {
                push(new Pending(-1, GROUP, null));
                return true;
            }
            if (accept('`')) {
                int end = text.indexOf('`', position);
                if (end < 0) {
                    throw error("unclosed backquote");
                }
                String name = text.substring(position, end);
                position = end + 1;
                column(name);
                return false;
            }
            if (Character.isDigit(c) || c == '.') {
                number();
                return false;
            }
            if (Character.isLetter(c) || c == '_') {
                int start = position;
                while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                        || text.charAt(position) == '_')) {
                    position++;
                }
                String name = text.substring(start, position);
                skipSpaces();
                if (!accept('(')) {
                    column(name);
                    return false;
                }
                Function function = Function.named(name);
                if (function == null) {
                    throw error("unknown function '" + name + "'; known: "
                            + Function.ALL.stream().map(Function::name).toList());
                }
                skipSpaces();
                if (position < text.length() && text.charAt(position) == ')') {
                    throw error(arity(function, 0));
                }
                push(new Pending(-1, GROUP, function));
                return true;
            }
            throw error("unexpected '" + c + "'");
        }

        /** Reads what may follow an operand; returns whether an operand is expected next. */
        private boolean operator() {
            char c = text.charAt(position);
            switch (c) {
                case '+' -> binary(ADD, SUM);
                case '-' -> binary(SUBTRACT, SUM);
                case '*' -> binary(MULTIPLY, PRODUCT);
                case '/' -> binary(DIVIDE, PRODUCT);
                case '^' -> binary(POWER, EXPONENT);
                case ')' -> {
                    position++;
                    close();
                    return false;
                }
                case ',' -> {
                    position++;
                    Pending call = unwind();
                    if (call == null || call.function == null) {
                        position--;
                        throw error("unexpected ','");
                    }
                    call.arguments++;
                }
                default -> throw error("unexpected '" + c + "'");
            }
            return true;
        }

        /** Emits waiting operators that bind at least as tightly, then waits with this one. */
        private void binary(int operation, int precedence) {
            position++;
            boolean rightAssociative = precedence == EXPONENT;
            while (!pending.isEmpty() && !pending.peek().opensGroup() && (pending.peek().precedence > precedence
                    || pending.peek().precedence == precedence && !rightAssociative)) {
                emit(pending.pop().operation, 0);
            }
            push(new Pending(operation, precedence, null));
        }

        /** Emits operators down to the innermost open group, which it returns still open (or null). */
        private Pending unwind() {
            while (!pending.isEmpty() && !pending.peek().opensGroup()) {
                emit(pending.pop().operation, 0);
            }
            return pending.peek();
        }

        /** A closing parenthesis: ends a group or a function call, checking the call's arity. */
        private void close() {
            Pending group = unwind();
            if (group == null) {
                position--;
                throw error("unexpected ')'");
            }
            pending.pop();
            Function function = group.function;
            if (function != null) {
                if (group.arguments + 1 != function.arity) {
                    throw error(arity(function, group.arguments + 1));
                }
                emit(function.operation, 0);
            }
        }

        private static String arity(Function function, int given) {
            return function.name + " takes " + function.arity + " argument" + (function.arity == 1 ? "" : "s")
                    + ", not " + given;
        }

        private void push(Pending next) {
            if (pending.size() >= MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " levels deep (parentheses, function calls, signs"
                        + " in a row and powers count), the limit");
            }
            pending.push(next);
        }

        private void number() {
            int start = position;
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.'
                    || text.charAt(position) == 'e' || text.charAt(position) == 'E'
                    || (text.charAt(position) == '-' || text.charAt(position) == '+')
                    && (text.charAt(position - 1) == 'e' || text.charAt(position - 1) == 'E'))) {
                position++;
            }
            String literal = text.substring(start, position);
            Double value = NumberText.parse(literal);
            if (value == null) {
                throw error("'" + literal + "' is not a number");
            }
            if (constantCount == constants.length) {
                constants = Arrays.copyOf(constants, constantCount * 2);
            }
            constants[constantCount] = value;
            emit(CONSTANT, constantCount++);
        }

        private void column(String name) {
            if (name.isEmpty()) {
                throw error("empty column name");
            }
            Integer index = indexes.get(name);
            if (index == null) {
                index = columns.size();
                columns.add(name);
                indexes.put(name, index);
            }
            emit(COLUMN, index);
        }

        /** Appends an instruction, tracking the operand stack's depth. */
        private void emit(int operation, int operand) {
            if (operation == CONSTANT || operation == COLUMN) {
                if (++terms > MAX_TERMS) {
                    throw error("more than " + MAX_TERMS + " terms (numbers and column references), the limit");
                }
                stack++;
                stackSize = Math.max(stackSize, stack);
            } else if (takesTwo(operation)) {
                stack--;
            }
            if (length == code.length) {
                code = Arrays.copyOf(code, length * 2);
            }
            code[length++] = operand << OPERATION_BITS | operation;
        }

        private boolean accept(char c) {
            if (position < text.length() && text.charAt(position) == c) {
                position++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private IllegalArgumentException error(String problem) {
            String shown = text.length() <= 80 ? text
                    : text.substring(0, 60) + "... (" + text.length() + " characters)";
            return new IllegalArgumentException("expression '" + shown + "', at position " + (position + 1) + ": "
                    + problem);
        }
    }
}
