package dev.mlops.core.drift;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.internal.NumericValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reference data prepared once for drift comparisons: each numeric column's finite values, sorted,
 * and each categorical or boolean column's label counts. Compare any number of current frames
 * against it, in batch or from live traffic. Timestamp and text columns are not compared.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * DriftReport report = DriftReference.of(train).compare(live);
 * DriftReport psiOnAge = DriftReference.of(train).method("age", DriftMethod.PSI).threshold("age", 0.2)
 *     .compare(live);
 * }</pre>
 *
 * @since 0.1
 */
public final class DriftReference {

    private final Map<String, double[]> numbers;
    private final Map<String, Map<String, Long>> labels;
    private final List<String> order;
    private final Map<String, DriftMethod> methods;
    private final Map<String, Double> thresholds;
    private final double shareThreshold;
    /** Each numeric column's full reference size, where its values are a sketch of a larger reference. */
    private final Map<String, Long> fullRows;
    /**
     * Each sketched numeric column's exact value counts when the full reference had at most
     * {@value DriftMethod#LOW_CARDINALITY} distinct values, else an empty map; absent for a frame's columns.
     */
    private final Map<String, Map<String, Long>> fewValues;
    /** Each numeric column's population standard deviation, which the normed Wasserstein distance divides by. */
    private final Map<String, Double> spreads;

    private DriftReference(Map<String, double[]> numbers, Map<String, Map<String, Long>> labels, List<String> order,
            Map<String, DriftMethod> methods, Map<String, Double> thresholds, double shareThreshold,
            Map<String, Long> fullRows, Map<String, Map<String, Long>> fewValues) {
        this(numbers, labels, order, methods, thresholds, shareThreshold, fullRows, fewValues, spreads(numbers));
    }

    private DriftReference(Map<String, double[]> numbers, Map<String, Map<String, Long>> labels, List<String> order,
            Map<String, DriftMethod> methods, Map<String, Double> thresholds, double shareThreshold,
            Map<String, Long> fullRows, Map<String, Map<String, Long>> fewValues, Map<String, Double> spreads) {
        this.spreads = spreads;
        this.fullRows = fullRows;
        this.fewValues = fewValues;
        this.numbers = numbers;
        this.labels = labels;
        this.order = order;
        this.methods = methods;
        this.thresholds = thresholds;
        this.shareThreshold = shareThreshold;
    }

    /** Prepares every numeric, categorical and boolean column of {@code reference}. */
    public static DriftReference of(Frame reference) {
        Map<String, double[]> numbers = new HashMap<>();
        Map<String, Map<String, Long>> labels = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Column column : reference.columns()) {
            if (column instanceof NumericColumn numeric) {
                numbers.put(column.name(), finiteSorted(numeric));
            } else if (column instanceof CategoricalColumn || column instanceof BooleanColumn) {
                labels.put(column.name(), counts(column));
            } else {
                continue;
            }
            order.add(column.name());
        }
        return new DriftReference(numbers, labels, List.copyOf(order), Map.of(), Map.of(), 0.5, Map.of(), Map.of());
    }

    /**
     * The reference a {@link DriftBaseline} describes: its sketches stand for the numeric columns,
     * and the default test is chosen on each column's full size, as it would be on the full data.
     */
    public static DriftReference of(DriftBaseline baseline) {
        Map<String, double[]> numbers = new HashMap<>();
        Map<String, Map<String, Long>> labels = new HashMap<>();
        Map<String, Long> fullRows = new HashMap<>();
        Map<String, Map<String, Long>> fewValues = new HashMap<>();
        for (ColumnBaseline column : baseline.columns()) {
            if (column.numeric()) {
                numbers.put(column.name(), column.sketchView());
                fullRows.put(column.name(), column.rows());
                fewValues.put(column.name(), column.counts());
            } else {
                labels.put(column.name(), column.counts());
            }
        }
        return new DriftReference(numbers, labels, baseline.names(), Map.of(), Map.of(), 0.5, Map.copyOf(fullRows),
                Map.copyOf(fewValues));
    }

    /**
     * Tests {@code column} with {@code method} instead of the default choice.
     *
     * @throws IllegalArgumentException if {@code column} is not one of {@link #columns()}, or the method does
     *         not apply to its kind (numeric or categorical)
     */
    public DriftReference method(String column, DriftMethod method) {
        requireColumn(column);
        Objects.requireNonNull(method, "method");
        boolean numeric = numbers.containsKey(column);
        if (numeric && (method == DriftMethod.CHI_SQUARED || method == DriftMethod.Z_TEST)
                || !numeric && (method == DriftMethod.KS || method == DriftMethod.WASSERSTEIN)) {
            throw new IllegalArgumentException(method + " does not apply to " + (numeric ? "numeric" : "categorical")
                    + " column '" + column + "'");
        }
        Map<String, DriftMethod> copy = new HashMap<>(methods);
        copy.put(column, method);
        return new DriftReference(numbers, labels, order, Map.copyOf(copy), thresholds, shareThreshold, fullRows, fewValues,
                spreads);
    }

    /**
     * Uses {@code threshold} for {@code column} instead of its method's default.
     *
     * @throws IllegalArgumentException if {@code column} is not one of {@link #columns()}, or the threshold is
     *         negative, NaN or infinite
     */
    public DriftReference threshold(String column, double threshold) {
        requireColumn(column);
        if (!Double.isFinite(threshold) || threshold < 0) {
            throw new IllegalArgumentException("threshold must be a finite non-negative number: " + threshold);
        }
        Map<String, Double> copy = new HashMap<>(thresholds);
        copy.put(column, threshold);
        return new DriftReference(numbers, labels, order, methods, Map.copyOf(copy), shareThreshold, fullRows, fewValues,
                spreads);
    }

    /**
     * The share of drifted columns at which the dataset counts as drifted; default 0.5.
     *
     * @throws IllegalArgumentException if the share is not in (0, 1]
     */
    public DriftReference datasetShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("dataset drift share must be in (0, 1]: " + share);
        }
        return new DriftReference(numbers, labels, order, methods, thresholds, share, fullRows, fewValues, spreads);
    }

    /** The names of the columns compared, in order. */
    public List<String> columns() {
        return order;
    }

    /**
     * Compares {@code current} with the reference, column by column.
     *
     * @throws IllegalArgumentException if a reference column is absent from {@code current} or has another type,
     *         or a column given the {@link DriftMethod#Z_TEST z-test} holds more than two values
     */
    public DriftReport compare(Frame current) {
        DriftSample.Builder sample = DriftSample.builder();
        for (String name : order) {
            Column column = current.column(name);
            if (numbers.containsKey(name)) {
                if (!(column instanceof NumericColumn numeric)) {
                    throw new IllegalArgumentException("column '" + name + "' is numeric in the reference but "
                            + column.type() + " now");
                }
                double[] values = new double[numeric.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = numeric.isMissing(row) ? Double.NaN : numeric.value(row);
                }
                sample.numbers(name, values, values.length);
            } else {
                if (!(column instanceof CategoricalColumn) && !(column instanceof BooleanColumn)) {
                    throw new IllegalArgumentException("column '" + name + "' is categorical in the reference but "
                            + column.type() + " now");
                }
                Object[] values = new Object[column.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = column.get(row);
                }
                sample.labels(name, values, values.length);
            }
        }
        return compare(sample.build());
    }

    /**
     * Compares a sample of current data with the reference, column by column, as
     * {@link #compare(Frame)} does on a frame of the same values.
     *
     * @throws IllegalArgumentException if a reference column is absent from {@code current} or of the
     *         other kind (numbers for labels, or labels for numbers), or a column given the
     *         {@link DriftMethod#Z_TEST z-test} holds more than two values
     */
    public DriftReport compare(DriftSample current) {
        List<ColumnDrift> results = new ArrayList<>(order.size());
        for (String name : order) {
            if (numbers.containsKey(name)) {
                if (!current.isNumeric(name)) {
                    throw new IllegalArgumentException("column '" + name + "' is numeric in the reference but "
                            + (current.isLabels(name) ? "holds labels" : "absent") + " in the sample");
                }
                results.add(numericDrift(name, numbers.get(name), current.sortedView(name)));
            } else {
                if (!current.isLabels(name)) {
                    throw new IllegalArgumentException("column '" + name + "' is categorical in the reference but "
                            + (current.isNumeric(name) ? "holds numbers" : "absent") + " in the sample");
                }
                results.add(labelDrift(name, labels.get(name), current.counts(name), false));
            }
        }
        long drifted = results.stream().filter(ColumnDrift::drifted).count();
        double share = results.isEmpty() ? 0 : (double) drifted / results.size();
        return new DriftReport(results, share, shareThreshold, !results.isEmpty() && share >= shareThreshold);
    }

    private ColumnDrift numericDrift(String name, double[] reference, double[] current) {
        Map<String, Long> few = fewValues.get(name);
        int distinct;
        if (few == null) {
            distinct = (int) java.util.stream.DoubleStream.concat(Arrays.stream(reference), Arrays.stream(current))
                    .distinct().limit(DriftMethod.LOW_CARDINALITY + 1).count();
        } else if (few.isEmpty() && reference.length > 0) {
            distinct = DriftMethod.LOW_CARDINALITY + 1; // the full reference had more values than its sketch shows
        } else {
            java.util.Set<String> seen = new java.util.HashSet<>(few.keySet());
            for (int i = 0; i < current.length && seen.size() <= DriftMethod.LOW_CARDINALITY; i++) {
                seen.add(Double.toString(current[i]));
            }
            distinct = seen.size();
        }
        long rows = fullRows.getOrDefault(name, (long) reference.length);
        DriftMethod method = methods.getOrDefault(name, DriftMethod.defaultFor(true,
                (int) Math.min(Integer.MAX_VALUE, rows), distinct));
        if (method == DriftMethod.CHI_SQUARED || method == DriftMethod.Z_TEST) {
            return labelDrift(name, few == null || few.isEmpty() ? valueCounts(reference) : few, valueCounts(current),
                    true);
        }
        double threshold = thresholds.getOrDefault(name, method.defaultThreshold());
        // the K-S test needs two values a side; with fewer, as with none, there is nothing to decide on
        int least = method == DriftMethod.KS ? 2 : 1;
        if (reference.length < least || current.length < least) {
            return new ColumnDrift(name, method, Double.NaN, Double.NaN, threshold, false, (int) rows, current.length);
        }
        double statistic = Double.NaN;
        double score;
        switch (method) {
            case KS -> {
                DriftStatistics.TestResult ks = DriftStatistics.kolmogorovSmirnov(reference, current);
                statistic = ks.statistic();
                score = ks.pValue();
            }
            case WASSERSTEIN -> score = DriftStatistics.wassersteinOfSorted(reference, current)
                    / Math.max(spreads.get(name), 0.001); // as wassersteinNormed, both sides sorted already
            default -> {
                double[][] shares = DriftStatistics.binnedShares(reference, current);
                score = method == DriftMethod.PSI ? DriftStatistics.psi(shares[0], shares[1])
                        : DriftStatistics.jensenShannon(shares[0], shares[1]);
            }
        }
        return new ColumnDrift(name, method, score, statistic, threshold, method.drifted(score, threshold),
                (int) rows, current.length);
    }

    private ColumnDrift labelDrift(String name, Map<String, Long> reference, Map<String, Long> current,
            boolean lowCardinalityNumbers) {
        TreeSet<String> keys = new TreeSet<>(reference.keySet());
        keys.addAll(current.keySet());
        int nRef = (int) reference.values().stream().mapToLong(Long::longValue).sum();
        int nCur = (int) current.values().stream().mapToLong(Long::longValue).sum();
        DriftMethod method = methods.getOrDefault(name, DriftMethod.defaultFor(false, nRef, keys.size()));
        if (lowCardinalityNumbers && (method == DriftMethod.KS || method == DriftMethod.WASSERSTEIN)) {
            method = DriftMethod.defaultFor(false, nRef, keys.size());
        }
        double threshold = thresholds.getOrDefault(name, method.defaultThreshold());
        if (nRef == 0 || nCur == 0) {
            return new ColumnDrift(name, method, Double.NaN, Double.NaN, threshold, false, nRef, nCur);
        }
        long[] ref = keys.stream().mapToLong(k -> reference.getOrDefault(k, 0L)).toArray();
        long[] cur = keys.stream().mapToLong(k -> current.getOrDefault(k, 0L)).toArray();
        double statistic = Double.NaN;
        double score;
        if (method == DriftMethod.Z_TEST && keys.size() > 2) {
            throw new IllegalArgumentException("the z-test needs a column with at most two values; '" + name
                    + "' has " + keys.size());
        }
        if (method == DriftMethod.CHI_SQUARED || method == DriftMethod.Z_TEST) {
            DriftStatistics.TestResult result = method == DriftMethod.CHI_SQUARED
                    ? DriftStatistics.chiSquared(ref, cur) : DriftStatistics.zTest(ref[0], nRef, cur[0], nCur);
            statistic = result.statistic();
            score = result.pValue();
        } else {
            double[] refShares = Arrays.stream(ref).mapToDouble(v -> (double) v / nRef).toArray();
            double[] curShares = Arrays.stream(cur).mapToDouble(v -> (double) v / nCur).toArray();
            score = method == DriftMethod.PSI ? DriftStatistics.psi(refShares, curShares)
                    : DriftStatistics.jensenShannon(refShares, curShares);
        }
        return new ColumnDrift(name, method, score, statistic, threshold, method.drifted(score, threshold), nRef, nCur);
    }

    private void requireColumn(String column) {
        if (!order.contains(column)) {
            throw new IllegalArgumentException("no compared column '" + column + "'; compared columns are " + order);
        }
    }

    private static Map<String, Double> spreads(Map<String, double[]> numbers) {
        Map<String, Double> spreads = new HashMap<>();
        numbers.forEach((name, values) -> spreads.put(name, values.length == 0 ? 0 : NumericValues.populationStd(values)));
        return Map.copyOf(spreads);
    }

    private static double[] finiteSorted(NumericColumn column) {
        return NumericValues.finiteSorted(column);
    }

    private static Map<String, Long> counts(Column column) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int row = 0; row < column.size(); row++) {
            Object value = column.get(row);
            if (value != null) {
                counts.merge(value.toString(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /**
     * Low-cardinality numbers as labels. Their order does not change any score (the z-test is
     * two-sided), only the sign of the z statistic.
     */
    private static Map<String, Long> valueCounts(double[] values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (double v : values) {
            counts.merge(Double.toString(v), 1L, Long::sum);
        }
        return counts;
    }
}
