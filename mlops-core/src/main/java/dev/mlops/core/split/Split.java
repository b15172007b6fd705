package dev.mlops.core.split;

import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TimestampColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A holdout split of a frame into train, (optional) validation and test parts. Immutable: each
 * setting returns a new split; {@link #apply(Frame)} may be called on any number of frames.
 *
 * <pre>{@code
 * Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(42).apply(adult);
 * Partition byCustomer = Split.holdout(0.7).validation(0.15).groupedBy("customer_id").apply(orders);
 * Partition byTime = Split.timeOrdered("ts", 0.8).apply(events);
 * List<Fold> folds = Split.kFold(5).stratifiedBy("species").seed(7).apply(iris);
 * }</pre>
 *
 * <ul>
 *   <li><b>Random</b> (the default): each part's size is within one row of its exact share.</li>
 *   <li><b>Stratified</b>: within every value of the column (missing is a value of its own), each part's
 *       share is within one row of exact.</li>
 *   <li><b>Grouped</b>: all rows with the same value of the column land in the same part; parts are
 *       filled group by group towards their shares, so their sizes are approximate.</li>
 *   <li><b>Time-ordered</b>: rows are ordered by a timestamp or numeric column; the earliest go to train,
 *       then validation, then the latest to test. Rows with equal times at a boundary go to the later
 *       part, so every training time is strictly earlier than every test time.</li>
 * </ul>
 * The seed (default 0) fixes every random choice.
 *
 * @since 0.1
 */
public final class Split implements dev.mlops.api.pipeline.Splitter, dev.mlops.api.pipeline.Reproducible {

    private final double train;
    private final double validation;
    private final String stratifyBy;
    private final String groupBy;
    private final String timeColumn;
    private final long seed;

    private Split(double train, double validation, String stratifyBy, String groupBy, String timeColumn, long seed) {
        this.train = train;
        this.validation = validation;
        this.stratifyBy = stratifyBy;
        this.groupBy = groupBy;
        this.timeColumn = timeColumn;
        this.seed = seed;
    }

    /**
     * A random split with {@code trainFraction} of the rows for training and the rest for testing.
     *
     * @throws IllegalArgumentException if {@code trainFraction} is not strictly between 0 and 1
     */
    public static Split holdout(double trainFraction) {
        checkFractions(trainFraction, 0);
        return new Split(trainFraction, 0, null, null, null, 0);
    }

    /**
     * A split that trains on the earliest {@code trainFraction} of the rows by {@code timeColumn}.
     *
     * @throws IllegalArgumentException if {@code trainFraction} is not strictly between 0 and 1
     */
    public static Split timeOrdered(String timeColumn, double trainFraction) {
        checkFractions(trainFraction, 0);
        return new Split(trainFraction, 0, null, null, Objects.requireNonNull(timeColumn, "time column"), 0);
    }

    /**
     * A k-fold cross-validation split.
     *
     * @throws IllegalArgumentException if {@code k} is below 2
     */
    public static KFold kFold(int k) {
        return KFold.of(k);
    }

    /**
     * Also hold out {@code fraction} of the rows for validation, taken from what would go to test.
     *
     * @throws IllegalArgumentException if {@code fraction} is not in [0, 1), or leaves no row for testing
     *         beside the train fraction
     */
    public Split validation(double fraction) {
        checkFractions(train, fraction);
        return new Split(train, fraction, stratifyBy, groupBy, timeColumn, seed);
    }

    /**
     * Keep each value's share of {@code column} (categorical or boolean) in every part.
     *
     * @throws IllegalStateException if the split is already grouped or time-ordered
     */
    public Split stratifiedBy(String column) {
        Objects.requireNonNull(column, "column");
        if (groupBy != null || timeColumn != null) {
            throw new IllegalStateException("a split is stratified, grouped or time-ordered: choose one");
        }
        return new Split(train, validation, column, null, null, seed);
    }

    /**
     * Keep all rows with the same value of {@code column} in one part.
     *
     * @throws IllegalStateException if the split is already stratified or time-ordered
     */
    public Split groupedBy(String column) {
        Objects.requireNonNull(column, "column");
        if (stratifyBy != null || timeColumn != null) {
            throw new IllegalStateException("a split is stratified, grouped or time-ordered: choose one");
        }
        return new Split(train, validation, null, column, null, seed);
    }

    /** The seed of the random choices; default 0. */
    public Split seed(long newSeed) {
        return new Split(train, validation, stratifyBy, groupBy, timeColumn, newSeed);
    }

    /**
     * Splits {@code frame}.
     *
     * @throws IllegalArgumentException if a named column is absent or of the wrong type
     * @throws DataException            if a time-ordered split meets a row without a time
     */
    public Partition apply(Frame frame) {
        double[] fractions = {train, validation, 1 - train - validation};
        int[][] parts;
        if (timeColumn != null) {
            parts = byTime(frame, fractions);
        } else if (groupBy != null) {
            parts = byGroup(frame, fractions);
        } else {
            List<int[]> blocks = stratifyBy == null ? List.of(RowGroups.allRows(frame.rowCount()))
                    : RowGroups.strata(frame, stratifyBy);
            parts = byBlocks(blocks, fractions);
        }
        return new Partition(frame, parts[0], parts[1], parts[2]);
    }

    /**
     * The training and test rows, for a pipeline; validation rows, if this split sets some aside,
     * are in neither.
     *
     * @throws IllegalArgumentException if a named column is absent or of the wrong type
     * @throws DataException            if a time-ordered split meets a row without a time
     */
    @Override
    public dev.mlops.api.pipeline.TrainTest split(Frame frame) {
        Partition partition = apply(frame);
        return new dev.mlops.api.pipeline.TrainTest(partition.train(), partition.test());
    }

    /** {@code split[train, validation, time column, stratifiedBy, groupedBy, seed]} (absent columns null). */
    @Override
    public dev.mlops.api.pipeline.Recipe recipe() {
        return dev.mlops.api.pipeline.Recipe.of("split", train, validation, timeColumn, stratifyBy, groupBy, seed);
    }

    /** Its configuration, such as {@code holdout(train=0.8, stratifiedBy=y, seed=42)}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(timeColumn != null ? "timeOrdered(" : "holdout(");
        text.append("train=").append(train);
        if (validation > 0) {
            text.append(", validation=").append(validation);
        }
        if (timeColumn != null) {
            text.append(", time=").append(timeColumn);
        }
        if (stratifyBy != null) {
            text.append(", stratifiedBy=").append(stratifyBy);
        }
        if (groupBy != null) {
            text.append(", groupedBy=").append(groupBy);
        }
        return text.append(", seed=").append(seed).append(')').toString();
    }

    private int[][] byBlocks(List<int[]> blocks, double[] fractions) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int[] block : blocks) {
            int[] rows = RowGroups.shuffled(block, random);
            int[] counts = RowGroups.allocate(rows.length, fractions);
            int next = 0;
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < counts[p]; i++) {
                    parts.get(p).add(rows[next++]);
                }
            }
        }
        return toArrays(parts);
    }

    private int[][] byGroup(Frame frame, double[] fractions) {
        List<int[]> groups = RowGroups.byValue(frame.column(groupBy));
        int[] order = RowGroups.shuffled(RowGroups.allRows(groups.size()), new SplittableRandom(seed));
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        double n = frame.rowCount();
        for (int g : order) {
            int best = 0;
            double bestDeficit = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < 3; p++) {
                double deficit = n * fractions[p] - parts.get(p).size();
                if (fractions[p] > 0 && deficit > bestDeficit) {
                    best = p;
                    bestDeficit = deficit;
                }
            }
            for (int row : groups.get(g)) {
                parts.get(best).add(row);
            }
        }
        return toArrays(parts);
    }

    private int[][] byTime(Frame frame, double[] fractions) {
        Column column = frame.column(timeColumn);
        if (!(column instanceof NumericColumn) && !(column instanceof TimestampColumn)) {
            throw new IllegalArgumentException("a time-ordered split needs a timestamp or numeric column; '"
                    + timeColumn + "' is " + column.type());
        }
        if (column.missingCount() > 0) {
            throw new DataException("frame", 0, timeColumn, null, "has " + column.missingCount()
                    + " missing value(s); a time-ordered split needs a time for every row");
        }
        double[] times = new double[frame.rowCount()];
        long[] micros = new long[frame.rowCount()];
        for (int row = 0; row < times.length; row++) {
            if (column instanceof NumericColumn numeric) {
                times[row] = numeric.value(row);
            } else {
                micros[row] = ((TimestampColumn) column).epochMicros(row);
            }
        }
        Comparator<Integer> byTime = column instanceof NumericColumn
                ? Comparator.comparingDouble(r -> times[r]) : Comparator.comparingLong(r -> micros[r]);
        int[] ordered = IntStream.range(0, times.length).boxed().sorted(byTime.thenComparing(r -> r))
                .mapToInt(Integer::intValue).toArray();
        int[] counts = RowGroups.allocate(ordered.length, fractions);
        int first = tieSafe(ordered, counts[0], byTime);
        int second = tieSafe(ordered, Math.max(first, counts[0] + counts[1]), byTime);
        return new int[][] {Arrays.copyOfRange(ordered, 0, first), Arrays.copyOfRange(ordered, first, second),
            Arrays.copyOfRange(ordered, second, ordered.length)};
    }

    /** Moves a boundary back past rows with the same time, so equal times never straddle it. */
    private static int tieSafe(int[] ordered, int boundary, Comparator<Integer> byTime) {
        int b = boundary;
        while (b > 0 && b < ordered.length && byTime.compare(ordered[b - 1], ordered[b]) == 0) {
            b--;
        }
        return b;
    }

    private static int[][] toArrays(List<List<Integer>> parts) {
        return parts.stream().map(p -> p.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    private static void checkFractions(double train, double validation) {
        if (!(train > 0 && train < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1): " + train);
        }
        if (!(validation >= 0 && validation < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1): " + validation);
        }
        if (!(train + validation < 1)) {
            throw new IllegalArgumentException("train and validation fractions (" + train + " + " + validation
                    + ") must leave rows for testing");
        }
    }
}
