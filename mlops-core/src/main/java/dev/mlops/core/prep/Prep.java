package dev.mlops.core.prep;

import dev.mlops.api.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The preparation steps. Where a step takes column names, giving none means every column the step
 * applies to, chosen when it is fitted (every numeric column for scalers, every categorical column
 * for encoders, every column with missing values for imputers).
 *
 * <pre>{@code
 * FittedChain prep = Prep.chain(
 *         Prep.impute(Impute.MEDIAN),
 *         Prep.impute(Impute.MOST_FREQUENT, "workclass", "occupation", "native-country"),
 *         Prep.standardize(),
 *         Prep.oneHot(Unseen.IGNORE))
 *     .fit(train);
 * Frame ready = prep.transform(test);
 * Features row = prep.transform(Features.of("age", 39, ...));   // identical arithmetic
 * }</pre>
 *
 * @since 0.1
 */
public final class Prep {

    private Prep() {
    }

    /** Fill missing values of the named columns (or of every column with some) by {@code strategy}. */
    public static Step impute(Impute strategy, String... columns) {
        List<String> named = List.of(columns);
        return recorded("prep.impute", frame -> strategy.fit(frame, named), strategy, named);
    }

    /**
     * Fill missing values of the named numeric columns with {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite, or no column is named
     */
    public static Step imputeConstant(double value, String... columns) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the fill value must be finite: " + value);
        }
        List<String> named = requireNamed(columns);
        return recorded("prep.imputeNumber", frame -> {
            named.forEach(name -> PrepColumns.numeric(frame, name));
            return new Imputed(named.stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> value,
                    (a, b) -> a, java.util.LinkedHashMap::new)), Map.of());
        }, value, named);
    }

    /**
     * Fill missing values of the named categorical columns with {@code label}.
     *
     * @throws IllegalArgumentException if no column is named
     */
    public static Step imputeConstant(String label, String... columns) {
        java.util.Objects.requireNonNull(label, "label");
        List<String> named = requireNamed(columns);
        return recorded("prep.imputeLabel", frame -> {
            named.forEach(name -> PrepColumns.categorical(frame, name));
            return new Imputed(Map.of(), named.stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> label,
                    (a, b) -> a, java.util.LinkedHashMap::new)));
        }, label, named);
    }

    /** Center on the mean and divide by the population standard deviation. */
    public static Step standardize(String... columns) {
        return scale(Scaled.Kind.STANDARD, columns);
    }

    /** Map the training range onto [0, 1]. */
    public static Step minMax(String... columns) {
        return scale(Scaled.Kind.MIN_MAX, columns);
    }

    /** Center on the median and divide by the interquartile range, robust to outliers. */
    public static Step robust(String... columns) {
        return scale(Scaled.Kind.ROBUST, columns);
    }

    /**
     * Limit a numeric column to {@code [lower, upper]}.
     *
     * @throws IllegalArgumentException if a bound is NaN or {@code lower} is above {@code upper}
     */
    public static Step clip(String column, double lower, double upper) {
        Clipped.Bounds bounds = new Clipped.Bounds(column, lower, upper);
        return recorded("prep.clip", frame -> {
            PrepColumns.numeric(frame, column);
            return new Clipped(List.of(bounds));
        }, column, lower, upper);
    }

    /**
     * Replace values by {@code ln(1 + value)}; values at or below -1 are refused.
     *
     * @throws IllegalArgumentException if no column is named
     */
    public static Step log1p(String... columns) {
        List<String> named = requireNamed(columns);
        return recorded("prep.log1p", frame -> {
            named.forEach(name -> PrepColumns.numeric(frame, name));
            return new Logged(named);
        }, named);
    }

    /** One 0/1 column per category seen in training. */
    public static Step oneHot(Unseen unseen, String... columns) {
        List<String> named = List.of(columns);
        java.util.Objects.requireNonNull(unseen, "unseen policy");
        return recorded("prep.oneHot", frame -> OneHotEncoded.fit(frame, named, unseen), unseen, named);
    }

    /**
     * Rare categories grouped into one bucket, {@value RareGrouped#OTHER}: a category seen fewer than
     * {@code minCount} times in training, and at prediction a category never seen, becomes the bucket
     * (see {@link RareGrouped}). Put it before an encoder, or before a Smile tree model, which refuses
     * a category its training data lacked: with it, cross-validation and serving meet no unseen
     * category, as long as training had a rare one.
     *
     * @throws IllegalArgumentException if {@code minCount} is below 1
     */
    public static Step groupRare(int minCount, String... columns) {
        if (minCount < 1) {
            throw new IllegalArgumentException("a category is rare below a count of at least 1: " + minCount);
        }
        List<String> named = List.of(columns);
        return recorded("prep.groupRare", frame -> RareGrouped.fit(frame, named, minCount), minCount, named);
    }

    /** Categories replaced by their position among the sorted training categories. */
    public static Step ordinal(Unseen unseen, String... columns) {
        List<String> named = List.of(columns);
        java.util.Objects.requireNonNull(unseen, "unseen policy");
        return recorded("prep.ordinal", frame -> OrdinalEncoded.fit(frame, named, unseen), unseen, named);
    }

    /**
     * Remove the named columns.
     *
     * @throws IllegalArgumentException if no column is named
     */
    public static Step drop(String... columns) {
        List<String> named = requireNamed(columns);
        return recorded("prep.drop", frame -> {
            named.forEach(frame::column);
            return new DroppedColumns(named);
        }, named);
    }

    /**
     * Remove rows that repeat an earlier one on the named columns (or on all), keeping the first. A
     * training-time step: a single prediction row passes unchanged.
     */
    public static Step dropDuplicates(String... columns) {
        List<String> named = List.of(columns);
        return recorded("prep.dropDuplicates", frame -> {
            named.forEach(frame::column);
            return new DroppedDuplicates(named);
        }, named);
    }

    /**
     * Replace numeric values by the index of their training-quantile bin, {@code bins} bins.
     *
     * @throws IllegalArgumentException if {@code bins} is below 2
     */
    public static Step quantileBins(int bins, String... columns) {
        if (bins < 2) {
            throw new IllegalArgumentException("quantile binning needs at least 2 bins: " + bins);
        }
        List<String> named = List.of(columns);
        return recorded("prep.quantileBins", frame -> QuantileBinned.fit(frame, bins, named), bins, named);
    }

    /** Convert a column's type: numeric to categorical and back, boolean to numeric or categorical. */
    public static Step convert(String column, dev.mlops.api.FieldType to) {
        java.util.Objects.requireNonNull(to, "target type");
        return recorded("prep.convert", frame -> Converted.fit(frame, column, to), column, to);
    }

    /**
     * A numeric column computed from other numeric columns, such as
     * {@code derive("gain_per_hour", "`capital-gain` / max(`hours-per-week`, 1)")}: numbers, column names
     * (identifiers, or backquoted), {@code + - * / ^}, parentheses, {@code abs exp log log1p sqrt min max pow}.
     * {@code ^} binds tighter than unary minus and to the right. Evaluation does not recurse, so a long
     * expression costs time but no stack. An expression may have at most 100,000 characters, 10,000
     * terms (numbers and column references) and 200 levels of nesting (parentheses and function calls,
     * signs in a row, and powers waiting for their exponents).
     *
     * @throws IllegalArgumentException naming the position, if the expression does not parse, or the
     *         limit it exceeds
     */
    public static Step derive(String column, String expression) {
        Derived derived = new Derived(column, expression);
        return recorded("prep.derive", frame -> {
            Expression.parse(expression).columns().forEach(name -> PrepColumns.numeric(frame, name));
            return derived;
        }, column, expression);
    }

    /** Steps applied in order, each fitted on the output of the previous ones. */
    public static StepChain chain(Step... steps) {
        return new StepChain(Arrays.asList(steps));
    }

    private static Step scale(Scaled.Kind kind, String[] columns) {
        List<String> named = List.of(columns);
        return recorded("prep.scale", frame -> Scaled.fit(kind, named, frame), kind, named);
    }

    /** {@code step}, carrying the recipe that builds it again. */
    private static Step recorded(String kind, Step step, Object... arguments) {
        return new RecipeStep(dev.mlops.api.pipeline.Recipe.of(kind, arguments), step);
    }

    private static List<String> requireNamed(String[] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("name at least one column");
        }
        return List.of(columns);
    }

    /** Steps to fit in order. */
    public static final class StepChain {
        private final List<Step> steps;

        private StepChain(List<Step> steps) {
            steps.forEach(s -> java.util.Objects.requireNonNull(s, "step"));
            this.steps = List.copyOf(steps);
        }

        /**
         * Fits every step, each on what the previous fitted steps make of {@code frame}.
         *
         * @throws IllegalArgumentException      if a step needs a column that is absent, of the wrong type, or
         *         without values to learn from
         * @throws dev.mlops.api.DataException if a fitted step cannot transform a value of the frame
         */
        public FittedChain fit(Frame frame) {
            List<FittedStep> fitted = new java.util.ArrayList<>(steps.size());
            Frame current = frame;
            for (int i = 0; i < steps.size(); i++) {
                FittedStep f = steps.get(i).fit(current);
                fitted.add(f);
                if (i + 1 < steps.size()) {
                    current = f.transform(current);
                }
            }
            return new FittedChain(fitted);
        }

        /**
         * Fits every step and returns the fitted chain with {@code frame} transformed by it, each step
         * applied once: cheaper than {@code fit} followed by {@code transform} on the same frame.
         *
         * @throws IllegalArgumentException      if a step needs a column that is absent, of the wrong type, or
         *         without values to learn from
         * @throws dev.mlops.api.DataException if a fitted step cannot transform a value of the frame
         */
        public Fitted fitTransform(Frame frame) {
            List<FittedStep> fitted = new java.util.ArrayList<>(steps.size());
            Frame current = frame;
            for (Step step : steps) {
                FittedStep f = step.fit(current);
                fitted.add(f);
                current = f.transform(current);
            }
            return new Fitted(new FittedChain(fitted), current);
        }

        /** The steps, in order. */
        public List<Step> steps() {
            return steps;
        }

        /** The steps in order, as each describes itself. */
        @Override
        public String toString() {
            return steps.toString();
        }
    }

    /**
     * A fitted chain and the training frame it transformed.
     *
     * @param chain       the fitted chain
     * @param transformed the training frame after every step
     */
    public record Fitted(FittedChain chain, Frame transformed) {
    }
}
