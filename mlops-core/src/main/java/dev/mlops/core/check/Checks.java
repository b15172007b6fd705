package dev.mlops.core.check;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The standard checks, each an {@link Severity#ERROR} unless {@link Check#withSeverity made a warning}.
 * Missing values fail only the checks about missing values ({@link #complete}, {@link #completeness});
 * the value checks judge the values that are present.
 *
 * <pre>{@code
 * ValidationReport report = Checks.run(adult,
 *     Checks.hasColumn("age", FieldType.NUMERIC),
 *     Checks.range("age", 17, 90),
 *     Checks.completeness("workclass", 0.9),
 *     Checks.allowed("sex", Set.of("Male", "Female")),
 *     Checks.rowCount(1_000, Long.MAX_VALUE),
 *     Checks.mean("hours-per-week", 35, 45).withSeverity(Severity.WARNING));
 * report.throwIfErrors();
 * }</pre>
 *
 * @since 0.1
 */
public final class Checks {

    private Checks() {
    }

    /** Runs every check on {@code frame}. */
    public static ValidationReport run(Frame frame, Check... checks) {
        return run(frame, Arrays.asList(checks));
    }

    /** Runs every check on {@code frame}. */
    public static ValidationReport run(Frame frame, List<? extends Check> checks) {
        return new ValidationReport(checks.stream().map(c -> c.run(frame)).toList());
    }

    /** The column exists with the given type. */
    public static Check hasColumn(String column, FieldType type) {
        Objects.requireNonNull(type, "type");
        return recorded(new FrameCheck("column '" + column + "' is " + type, Severity.ERROR, null, frame -> {
            if (!frame.schema().contains(column)) {
                return new FrameCheck.Measurement("absent", false);
            }
            FieldType actual = frame.column(column).type();
            return new FrameCheck.Measurement(actual.toString(), actual == type);
        }), "check.hasColumn", column, type);
    }

    /** No value of the column is missing. */
    public static Check complete(String column) {
        return recorded(new RowCheck("'" + column + "' has no missing values", Severity.ERROR, column, frame -> {
            Column c = frame.column(column);
            return c::isMissing;
        }), "check.complete", column);
    }

    /**
     * At least {@code ratio} of the column's values are present.
     *
     * @throws IllegalArgumentException if {@code ratio} is not in [0, 1]
     */
    public static Check completeness(String column, double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("completeness must be in [0, 1]: " + ratio);
        }
        return recorded(new FrameCheck(String.format(Locale.ROOT, "'%s' is at least %.4f complete", column, ratio),
                Severity.ERROR, column, frame -> {
                    Column c = frame.column(column);
                    double complete = frame.rowCount() == 0 ? 1 : 1 - (double) c.missingCount() / frame.rowCount();
                    return new FrameCheck.Measurement(String.format(Locale.ROOT, "%.4f", complete), complete >= ratio);
                }), "check.completeness", column, ratio);
    }

    /**
     * Every present value of a numeric column is within {@code [min, max]}; NaN fails.
     *
     * @throws IllegalArgumentException if {@code min} is above {@code max} or either is NaN
     */
    public static Check range(String column, double min, double max) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("range needs min <= max: " + min + ", " + max);
        }
        return recorded(new RowCheck("'" + column + "' in [" + min + ", " + max + "]", Severity.ERROR, column, frame -> {
            NumericColumn c = frame.numeric(column);
            return row -> !c.isMissing(row) && !(c.value(row) >= min && c.value(row) <= max);
        }), "check.range", column, min, max);
    }

    /** Every present label of a categorical column is one of {@code allowed}. */
    public static Check allowed(String column, Set<String> allowed) {
        Set<String> copy = Set.copyOf(allowed);
        return recorded(new RowCheck("'" + column + "' in " + new TreeSet<>(copy), Severity.ERROR, column, frame -> {
            CategoricalColumn c = frame.categorical(column);
            boolean[] ok = new boolean[c.dictionarySize()];
            for (int code = 0; code < ok.length; code++) {
                ok[code] = copy.contains(c.label(code));
            }
            return row -> c.code(row) != CategoricalColumn.MISSING && !ok[c.code(row)];
        }), "check.allowed", column, new TreeSet<>(copy));
    }

    /**
     * Every present value of a categorical or text column matches {@code regex} in full (a column
     * of another type makes the check fail with an {@code IllegalArgumentException} when it runs).
     *
     * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a valid pattern
     */
    public static Check pattern(String column, String regex) {
        Pattern compiled = Pattern.compile(regex);
        return recorded(new RowCheck("'" + column + "' matches /" + regex + "/", Severity.ERROR, column, frame -> {
            Column c = frame.column(column);
            if (c.type() != FieldType.CATEGORICAL && c.type() != FieldType.TEXT) {
                throw new IllegalArgumentException("column '" + column + "' is " + c.type() + ", not text");
            }
            Map<String, Boolean> seen = new HashMap<>();
            return row -> {
                Object value = c.get(row);
                return value != null && !seen.computeIfAbsent((String) value, v -> compiled.matcher(v).matches());
            };
        }), "check.pattern", column, regex);
    }

    /**
     * No two rows share the same values in {@code columns} (missing counts as a value).
     *
     * @throws IllegalArgumentException if no column is named
     */
    public static Check unique(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("name at least one column");
        }
        List<String> names = List.of(columns);
        return recorded(new RowCheck(names + " unique", Severity.ERROR, null, frame -> {
            List<Column> cs = names.stream().map(frame::column).toList();
            Map<List<Object>, Integer> first = new HashMap<>();
            boolean[] duplicate = new boolean[frame.rowCount()];
            for (int row = 0; row < frame.rowCount(); row++) {
                List<Object> key = new ArrayList<>(cs.size());
                for (Column c : cs) {
                    key.add(c.get(row));
                }
                Integer earlier = first.putIfAbsent(key, row);
                if (earlier != null) {
                    duplicate[row] = true;
                    duplicate[earlier] = true;
                }
            }
            return row -> duplicate[row];
        }), "check.unique", names);
    }

    /**
     * The frame has between {@code min} and {@code max} rows, inclusive.
     *
     * @throws IllegalArgumentException unless 0 &lt;= min &lt;= max
     */
    public static Check rowCount(long min, long max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("row count bounds need 0 <= min <= max: " + min + ", " + max);
        }
        return recorded(new FrameCheck("row count in [" + min + ", " + max + "]", Severity.ERROR, null,
                frame -> new FrameCheck.Measurement(Integer.toString(frame.rowCount()),
                        frame.rowCount() >= min && frame.rowCount() <= max)), "check.rowCount", min, max);
    }

    /**
     * The mean of the column's finite values is within {@code [min, max]}.
     *
     * @throws IllegalArgumentException if {@code min} is above {@code max} or either is NaN
     */
    public static Check mean(String column, double min, double max) {
        return recorded(statistic(column, "mean", min, max, false), "check.mean", column, min, max);
    }

    /**
     * The sample standard deviation of the column's finite values is within {@code [min, max]}.
     *
     * @throws IllegalArgumentException if {@code min} is above {@code max} or either is NaN
     */
    public static Check std(String column, double min, double max) {
        return recorded(statistic(column, "standard deviation", min, max, true), "check.std", column, min, max);
    }

    /**
     * A user-defined condition every row must satisfy. The predicate sees each row as {@link Features};
     * if it throws, the check fails with what it threw rather than breaking the run.
     */
    public static Check predicate(String description, Predicate<Features> condition) {
        Objects.requireNonNull(condition, "condition");
        return new RowCheck(description, Severity.ERROR, null, frame -> row -> !condition.test(frame.row(row)));
    }

    /** {@code check}, carrying the recipe that builds it again. */
    private static Check recorded(Check check, String kind, Object... arguments) {
        return new RecipeCheck(dev.mlops.api.pipeline.Recipe.of(kind, arguments), check);
    }

    private static Check statistic(String column, String name, double min, double max, boolean std) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException(name + " bounds need min <= max: " + min + ", " + max);
        }
        return new FrameCheck(String.format(Locale.ROOT, "%s of '%s' in [%s, %s]", name, column, min, max),
                Severity.ERROR, column, frame -> {
                    NumericColumn c = frame.numeric(column);
                    double sum = 0;
                    long n = 0;
                    for (int row = 0; row < c.size(); row++) {
                        if (!c.isMissing(row) && Double.isFinite(c.value(row))) {
                            sum += c.value(row);
                            n++;
                        }
                    }
                    double mean = sum / n;
                    double value = mean;
                    if (std) {
                        double squares = 0;
                        for (int row = 0; row < c.size(); row++) {
                            if (!c.isMissing(row) && Double.isFinite(c.value(row))) {
                                squares += (c.value(row) - mean) * (c.value(row) - mean);
                            }
                        }
                        value = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
                    }
                    return new FrameCheck.Measurement(String.format(Locale.ROOT, "%.6g", value),
                            value >= min && value <= max);
                });
    }

}
