package dev.mlops.benchmarks;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.profile.DataProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Profiling Adult replicated to 1,009,391 rows: {@code sdk} is {@code DataProfile.of(frame)};
 * {@code baseline} hand-written loops over the same primitive arrays computing the same statistics
 * (counts, distinct values, mean, standard deviation, quantiles, a 10-bin histogram, IQR outliers,
 * label counts, the Pearson matrix and Cramér's V of every pair). Target: sdk / baseline at most 1.5.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar ProfileBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class ProfileBenchmark {

    private Frame adult;

    @Setup
    public void read() {
        adult = AdultFrames.million();
    }

    @Benchmark
    public DataProfile sdk() {
        return DataProfile.of(adult);
    }

    @Benchmark
    public double baseline() {
        double checksum = 0;
        List<double[]> numbers = new ArrayList<>();
        List<CategoricalColumn> labels = new ArrayList<>();
        for (Column column : adult.columns()) {
            if (column instanceof NumericColumn numeric) {
                double[] values = numeric.toArray();
                numbers.add(values);
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                int n = sorted.length;
                long distinct = 1;
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += sorted[i];
                    if (i > 0 && sorted[i] != sorted[i - 1]) {
                        distinct++;
                    }
                }
                mean /= n;
                double squares = 0;
                for (double v : sorted) {
                    squares += (v - mean) * (v - mean);
                }
                double std = Math.sqrt(squares / (n - 1));
                double q1 = quantile(sorted, 0.25);
                double q3 = quantile(sorted, 0.75);
                double iqr = q3 - q1;
                long outliers = 0;
                long[] histogram = new long[10];
                double width = (sorted[n - 1] - sorted[0]) / 10;
                for (double v : sorted) {
                    if (v < q1 - 1.5 * iqr || v > q3 + 1.5 * iqr) {
                        outliers++;
                    }
                    histogram[Math.min(9, (int) ((v - sorted[0]) / width))]++;
                }
                for (double q : new double[] {0, 0.01, 0.05, 0.5, 0.95, 0.99, 1}) {
                    checksum += quantile(sorted, q);
                }
                checksum += distinct + mean + std + outliers + histogram[0];
            } else {
                CategoricalColumn c = (CategoricalColumn) column;
                labels.add(c);
                long[] counts = new long[c.dictionarySize()];
                long missing = 0;
                for (int i = 0; i < c.size(); i++) {
                    int code = c.code(i);
                    if (code < 0) {
                        missing++;
                    } else {
                        counts[code]++;
                    }
                }
                checksum += missing + counts[0];
            }
        }
        for (int a = 0; a < numbers.size(); a++) {
            for (int b = a + 1; b < numbers.size(); b++) {
                checksum += pearson(numbers.get(a), numbers.get(b));
            }
        }
        for (int a = 0; a < labels.size(); a++) {
            for (int b = a; b < labels.size(); b++) {
                checksum += cramersV(labels.get(a), labels.get(b));
            }
        }
        return checksum;
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        return low + 1 >= sorted.length ? sorted[sorted.length - 1]
                : sorted[low] + (sorted[low + 1] - sorted[low]) * (position - low);
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double cramersV(CategoricalColumn a, CategoricalColumn b) {
        long[][] table = new long[a.dictionarySize()][b.dictionarySize()];
        long n = 0;
        for (int i = 0; i < a.size(); i++) {
            int x = a.code(i);
            int y = b.code(i);
            if (x >= 0 && y >= 0) {
                table[x][y]++;
                n++;
            }
        }
        long[] rows = new long[table.length];
        long[] cols = new long[b.dictionarySize()];
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                rows[i] += table[i][j];
                cols[j] += table[i][j];
            }
        }
        double chi2 = 0;
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                if (rows[i] > 0 && cols[j] > 0) {
                    double e = (double) rows[i] * cols[j] / n;
                    chi2 += (table[i][j] - e) * (table[i][j] - e) / e;
                }
            }
        }
        return Math.sqrt(chi2 / (n * (Math.min(rows.length, cols.length) - 1.0)));
    }
}
