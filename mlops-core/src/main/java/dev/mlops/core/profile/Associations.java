package dev.mlops.core.profile;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.NumericColumn;

/**
 * Association measures between two columns, over the rows where both have a (finite) value:
 * Pearson's correlation for two numeric columns (as pandas' {@code corr()}), Cramér's V for two
 * categorical ones (without bias correction, as SciPy's {@code association(..., "cramer")}), and the
 * correlation ratio η between a categorical and a numeric column. NaN when undefined (fewer than two
 * rows, or no spread).
 *
 * @since 0.1
 */
public final class Associations {

    /** Contingency tables up to this many cells (or four per row) are held densely. */
    private static final long DENSE_CELLS = 1 << 16;

    private Associations() {
    }

    /** Pearson's correlation coefficient. */
    public static double pearson(NumericColumn x, NumericColumn y) {
        int n = 0;
        double meanX = 0;
        double meanY = 0;
        for (int row = 0; row < x.size(); row++) {
            if (usable(x, row) && usable(y, row)) {
                n++;
                meanX += x.value(row);
                meanY += y.value(row);
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int row = 0; row < x.size(); row++) {
            if (usable(x, row) && usable(y, row)) {
                double dx = x.value(row) - meanX;
                double dy = y.value(row) - meanY;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * Cramér's V of the contingency table of two categorical columns. The table is held densely when
     * small and as its non-empty cells otherwise, so two columns of many categories each (identifiers)
     * cost memory in proportion to their rows, not to the product of their dictionaries.
     */
    public static double cramersV(CategoricalColumn a, CategoricalColumn b) {
        long cells = (long) a.dictionarySize() * b.dictionarySize();
        return cells <= Math.max(DENSE_CELLS, 4L * a.size()) ? cramersVDense(a, b) : cramersVSparse(a, b);
    }

    static double cramersVDense(CategoricalColumn a, CategoricalColumn b) {
        long[][] table = new long[a.dictionarySize()][b.dictionarySize()];
        long n = 0;
        for (int row = 0; row < a.size(); row++) {
            int i = a.code(row);
            int j = b.code(row);
            if (i != CategoricalColumn.MISSING && j != CategoricalColumn.MISSING) {
                table[i][j]++;
                n++;
            }
        }
        long[] rowSums = new long[table.length];
        long[] colSums = new long[b.dictionarySize()];
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < colSums.length; j++) {
                rowSums[i] += table[i][j];
                colSums[j] += table[i][j];
            }
        }
        int rows = (int) java.util.Arrays.stream(rowSums).filter(s -> s > 0).count();
        int cols = (int) java.util.Arrays.stream(colSums).filter(s -> s > 0).count();
        if (n == 0 || Math.min(rows, cols) < 2) {
            return Double.NaN;
        }
        double chi2 = 0;
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < colSums.length; j++) {
                if (rowSums[i] > 0 && colSums[j] > 0) {
                    double expected = (double) rowSums[i] * colSums[j] / n;
                    double diff = table[i][j] - expected;
                    chi2 += diff * diff / expected;
                }
            }
        }
        return Math.sqrt(chi2 / (n * (Math.min(rows, cols) - 1.0)));
    }

    /**
     * The same from the non-empty cells only, by chi² = n (sum over cells of O²/(row sum x column sum) - 1),
     * which follows from summing (O - E)²/E over every cell, empty ones included.
     */
    static double cramersVSparse(CategoricalColumn a, CategoricalColumn b) {
        int width = b.dictionarySize();
        long[] pairs = new long[a.size()];
        long[] rowSums = new long[a.dictionarySize()];
        long[] colSums = new long[width];
        int n = 0;
        for (int row = 0; row < a.size(); row++) {
            int i = a.code(row);
            int j = b.code(row);
            if (i != CategoricalColumn.MISSING && j != CategoricalColumn.MISSING) {
                pairs[n++] = (long) i * width + j;
                rowSums[i]++;
                colSums[j]++;
            }
        }
        int rows = (int) java.util.Arrays.stream(rowSums).filter(s -> s > 0).count();
        int cols = (int) java.util.Arrays.stream(colSums).filter(s -> s > 0).count();
        if (n == 0 || Math.min(rows, cols) < 2) {
            return Double.NaN;
        }
        java.util.Arrays.sort(pairs, 0, n);
        double sum = 0;
        for (int start = 0; start < n;) {
            int end = start;
            while (end < n && pairs[end] == pairs[start]) {
                end++;
            }
            double observed = end - start;
            long rowSum = rowSums[(int) (pairs[start] / width)];
            long colSum = colSums[(int) (pairs[start] % width)];
            sum += observed * observed / ((double) rowSum * colSum);
            start = end;
        }
        double chi2 = Math.max(0, n * (sum - 1));
        return Math.sqrt(chi2 / (n * (Math.min(rows, cols) - 1.0)));
    }

    /** The correlation ratio η: the share of the numeric column's spread explained by the categories, square-rooted. */
    public static double correlationRatio(CategoricalColumn categories, NumericColumn values) {
        double[] sums = new double[categories.dictionarySize()];
        long[] counts = new long[sums.length];
        double total = 0;
        long n = 0;
        for (int row = 0; row < values.size(); row++) {
            int code = categories.code(row);
            if (code != CategoricalColumn.MISSING && usable(values, row)) {
                sums[code] += values.value(row);
                counts[code]++;
                total += values.value(row);
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = total / n;
        double between = 0;
        for (int code = 0; code < sums.length; code++) {
            if (counts[code] > 0) {
                double groupMean = sums[code] / counts[code];
                between += counts[code] * (groupMean - mean) * (groupMean - mean);
            }
        }
        double overall = 0;
        for (int row = 0; row < values.size(); row++) {
            if (categories.code(row) != CategoricalColumn.MISSING && usable(values, row)) {
                double d = values.value(row) - mean;
                overall += d * d;
            }
        }
        return overall == 0 ? Double.NaN : Math.sqrt(Math.min(1, between / overall));
    }

    private static boolean usable(NumericColumn column, int row) {
        return !column.isMissing(row) && Double.isFinite(column.value(row));
    }
}
