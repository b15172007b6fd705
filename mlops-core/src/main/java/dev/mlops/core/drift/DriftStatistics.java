package dev.mlops.core.drift;

import dev.mlops.core.internal.NumericValues;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * The drift statistics, on samples without missing values and on label counts. Definitions follow
 * Evidently and SciPy (the test suite checks them against SciPy); the K-S and chi-squared tests
 * are Apache Commons Statistics'.
 *
 * @since 0.1
 */
public final class DriftStatistics {

    /** SciPy's {@code ks_2samp} computes exact p-values up to this sample size, asymptotic ones beyond. */
    static final int KS_EXACT_LIMIT = 10_000;
    private static final KolmogorovSmirnovTest KS_EXACT = KolmogorovSmirnovTest.withDefaults()
            .with(PValueMethod.EXACT);
    private static final KolmogorovSmirnovTest KS_ASYMPTOTIC = KolmogorovSmirnovTest.withDefaults()
            .with(PValueMethod.ASYMPTOTIC);
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private DriftStatistics() {
    }

    /** A test statistic and its p-value. */
    public record TestResult(double statistic, double pValue) {
    }

    /**
     * The two-sided two-sample Kolmogorov–Smirnov test: exact p-value when both samples have at most
     * 10,000 values, asymptotic beyond, as SciPy's default.
     *
     * @throws IllegalArgumentException if either sample has fewer than two values or holds a NaN or
     *         infinite value
     */
    public static TestResult kolmogorovSmirnov(double[] reference, double[] current) {
        requireValues(reference, "reference");
        requireValues(current, "current");
        if (reference.length < 2 || current.length < 2) {
            throw new IllegalArgumentException("the K-S test needs at least two values a side: " + reference.length
                    + " and " + current.length);
        }
        KolmogorovSmirnovTest test = Math.max(reference.length, current.length) <= KS_EXACT_LIMIT
                ? KS_EXACT : KS_ASYMPTOTIC;
        KolmogorovSmirnovTest.TwoResult result = test.test(reference, current);
        return new TestResult(result.getStatistic(), result.getPValue());
    }

    /**
     * The first Wasserstein distance between the samples' empirical distributions, divided by the
     * reference's population standard deviation (at least 0.001).
     *
     * @throws IllegalArgumentException if either sample is empty or holds a NaN or infinite value
     */
    public static double wassersteinNormed(double[] reference, double[] current) {
        requireValues(reference, "reference");
        requireValues(current, "current");
        return wasserstein(reference, current) / Math.max(NumericValues.populationStd(reference), 0.001);
    }

    /** The first Wasserstein distance: the area between the two empirical distribution functions. */
    static double wasserstein(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return wassersteinOfSorted(x, y);
    }

    /** {@link #wasserstein} of two non-empty samples sorted ascending. */
    static double wassersteinOfSorted(double[] x, double[] y) {
        int i = 0;
        int j = 0;
        double area = 0;
        double previous = Math.min(x[0], y[0]);
        while (i < x.length || j < y.length) {
            double next = j >= y.length || i < x.length && x[i] <= y[j] ? x[i] : y[j];
            area += Math.abs((double) i / x.length - (double) j / y.length) * (next - previous);
            while (i < x.length && x[i] == next) {
                i++;
            }
            while (j < y.length && y[j] == next) {
                j++;
            }
            previous = next;
        }
        return area;
    }

    /**
     * The share of each sample in shared bins, as Evidently bins numbers: when the reference has more
     * than 20 distinct values, equal-width bins over both samples, as many as Sturges' rule gives for
     * their combined size (NumPy's {@code histogram_bin_edges(..., "sturges")}); otherwise one bin per
     * distinct value.
     *
     * @return two arrays of shares, reference first
     * @throws IllegalArgumentException if either sample is empty or holds a NaN or infinite value
     */
    public static double[][] binnedShares(double[] reference, double[] current) {
        requireValues(reference, "reference");
        requireValues(current, "current");
        if (Arrays.stream(reference).distinct().count() <= 20) {
            double[] keys = Arrays.stream(reference).distinct().toArray();
            keys = java.util.stream.DoubleStream.concat(Arrays.stream(keys), Arrays.stream(current)).distinct()
                    .sorted().toArray();
            return new double[][] {sharesByValue(reference, keys), sharesByValue(current, keys)};
        }
        double min = Math.min(Arrays.stream(reference).min().getAsDouble(), Arrays.stream(current).min().getAsDouble());
        double max = Math.max(Arrays.stream(reference).max().getAsDouble(), Arrays.stream(current).max().getAsDouble());
        int n = reference.length + current.length;
        int bins = max > min ? (int) Math.ceil((max - min) / ((max - min) / (log2(n) + 1.0))) : 1;
        double first = max > min ? min : min - 0.5;
        double last = max > min ? max : max + 0.5;
        double[] edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int e = 0; e < bins; e++) {
            edges[e] = e * step + first;
        }
        edges[bins] = last;
        return new double[][] {histogramShares(reference, edges), histogramShares(current, edges)};
    }

    /**
     * The population stability index {@code Σ (r - c) ln(r / c)} over shares, after replacing empty
     * shares by a small value as Evidently does (0.0001, or a millionth of the smallest share when that
     * is below 0.0001).
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public static double psi(double[] referenceShares, double[] currentShares) {
        requireSameLength(referenceShares, currentShares);
        double[] r = fillZeroes(referenceShares);
        double[] c = fillZeroes(currentShares);
        double sum = 0;
        for (int k = 0; k < r.length; k++) {
            sum += (r[k] - c[k]) * Math.log(r[k] / c[k]);
        }
        return sum;
    }

    /**
     * The Jensen–Shannon distance in base 2 (0 for equal, 1 for disjoint), over shares normalised to sum 1.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, a share is negative or
     *         NaN, or either array's shares are all 0
     */
    public static double jensenShannon(double[] referenceShares, double[] currentShares) {
        requireSameLength(referenceShares, currentShares);
        double[] p = normalised(referenceShares);
        double[] q = normalised(currentShares);
        double divergence = 0;
        for (int k = 0; k < p.length; k++) {
            double m = (p[k] + q[k]) / 2;
            divergence += relativeEntropy(p[k], m) + relativeEntropy(q[k], m);
        }
        return Math.sqrt(Math.max(0, divergence / Math.log(2) / 2));
    }

    /**
     * The chi-squared goodness-of-fit test of current label counts against the reference's proportions
     * scaled to the current size. A label absent from the reference but present now gives an infinite
     * statistic and p-value 0; a single label in both gives p-value 1.
     *
     * @param referenceCounts per label, in the same order as {@code currentCounts}
     * @throws IllegalArgumentException if the arrays differ in length, a count is negative, or either array
     *         has no count above 0
     */
    public static TestResult chiSquared(long[] referenceCounts, long[] currentCounts) {
        requireSameLength(referenceCounts.length, currentCounts.length);
        long nRef = sum(referenceCounts, "reference");
        long nCur = sum(currentCounts, "current");
        if (referenceCounts.length < 2) {
            return new TestResult(0, 1);
        }
        double scale = (double) nCur / nRef;
        double[] expected = new double[referenceCounts.length];
        for (int k = 0; k < expected.length; k++) {
            expected[k] = referenceCounts[k] * scale;
            if (expected[k] == 0 && currentCounts[k] > 0) {
                return new TestResult(Double.POSITIVE_INFINITY, 0);
            }
        }
        SignificanceResult result = ChiSquareTest.withDefaults().test(expected, currentCounts);
        return new TestResult(result.getStatistic(), result.getPValue());
    }

    /**
     * The two-sided two-proportion z-test on a two-valued column, comparing the share of rows
     * <em>not</em> equal to the first value, as Evidently does. When both samples hold the same single
     * value, the p-value is 1.
     *
     * @param referenceFirst rows of the reference equal to the first value (in sorted order)
     * @param referenceRows  reference size
     * @param currentFirst   rows of the current sample equal to the first value
     * @param currentRows    current size
     *
     * @throws IllegalArgumentException unless 0 &lt;= first &lt;= rows for both counts and rows &gt; 0
     */
    public static TestResult zTest(long referenceFirst, long referenceRows, long currentFirst, long currentRows) {
        if (referenceRows <= 0 || currentRows <= 0 || referenceFirst < 0 || currentFirst < 0
                || referenceFirst > referenceRows || currentFirst > currentRows) {
            throw new IllegalArgumentException("counts must satisfy 0 <= first <= rows and rows > 0");
        }
        double p1 = (double) (referenceRows - referenceFirst) / referenceRows;
        double p2 = (double) (currentRows - currentFirst) / currentRows;
        double pooled = (p1 * referenceRows + p2 * currentRows) / (referenceRows + currentRows);
        if (pooled == 0 || pooled == 1) {
            return new TestResult(0, 1);
        }
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / referenceRows + 1.0 / currentRows));
        return new TestResult(z, Math.min(1, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z))));
    }

    private static double[] sharesByValue(double[] sample, double[] sortedKeys) {
        double[] shares = new double[sortedKeys.length];
        for (double v : sample) {
            shares[Arrays.binarySearch(sortedKeys, v)]++;
        }
        for (int k = 0; k < shares.length; k++) {
            shares[k] /= sample.length;
        }
        return shares;
    }

    /** NumPy's histogram: bins closed on the left, the last one closed on both sides. */
    private static double[] histogramShares(double[] sample, double[] edges) {
        int bins = edges.length - 1;
        double[] shares = new double[bins];
        for (double v : sample) {
            int index = Arrays.binarySearch(edges, v);
            int bin = index >= 0 ? index : -index - 2;
            shares[Math.min(Math.max(bin, 0), bins - 1)]++;
        }
        for (int k = 0; k < bins; k++) {
            shares[k] /= sample.length;
        }
        return shares;
    }

    private static double[] fillZeroes(double[] shares) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double s : shares) {
            if (s != 0) {
                smallest = Math.min(smallest, s);
            }
        }
        double fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        double[] filled = shares.clone();
        for (int k = 0; k < filled.length; k++) {
            if (filled[k] == 0) {
                filled[k] = fill;
            }
        }
        return filled;
    }

    private static double[] normalised(double[] shares) {
        double total = 0;
        for (double s : shares) {
            if (!(s >= 0)) {
                throw new IllegalArgumentException("shares must be non-negative numbers: " + s);
            }
            total += s;
        }
        if (total == 0) {
            throw new IllegalArgumentException("shares must not all be zero");
        }
        double[] result = new double[shares.length];
        for (int k = 0; k < shares.length; k++) {
            result[k] = shares[k] / total;
        }
        return result;
    }

    private static double relativeEntropy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(x / y);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static long sum(long[] counts, String which) {
        long total = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException(which + " counts must not be negative: " + c);
            }
            total += c;
        }
        if (total == 0) {
            throw new IllegalArgumentException(which + " counts must not all be zero");
        }
        return total;
    }

    private static void requireValues(double[] sample, String which) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("the " + which + " sample is empty");
        }
        for (double v : sample) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the " + which + " sample holds " + v
                        + "; drift statistics need finite numbers");
            }
        }
    }

    private static void requireSameLength(double[] a, double[] b) {
        requireSameLength(a.length, b.length);
        if (a.length == 0) {
            throw new IllegalArgumentException("shares must not be empty");
        }
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("reference and current must have the same bins: " + a + " vs " + b);
        }
    }
}
