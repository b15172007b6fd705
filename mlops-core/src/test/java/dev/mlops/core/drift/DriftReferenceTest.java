package dev.mlops.core.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every drift statistic against values computed independently by SciPy/NumPy with Evidently's
 * definitions: {@code drift/drift_reference.py} wrote {@code drift/drift_reference.json}.
 */
class DriftReferenceTest {

    private static final JsonNode REFERENCE = load();

    private static JsonNode load() {
        try (InputStream in = DriftReferenceTest.class.getResourceAsStream("/drift/drift_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same 64-bit LCG as the Python script: exact in both languages. */
    static double[] sample(JsonNode spec) {
        long state = spec.get(0).asLong();
        int n = spec.get(1).asInt();
        double offset = spec.get(2).asDouble();
        double scale = spec.get(3).asDouble();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            values[i] = offset + scale * ((state >>> 11) * 0x1.0p-53);
        }
        return values;
    }

    static Stream<JsonNode> numeric() {
        List<JsonNode> cases = new ArrayList<>();
        REFERENCE.get("numeric").forEach(cases::add);
        return cases.stream();
    }

    static Stream<JsonNode> categorical() {
        List<JsonNode> cases = new ArrayList<>();
        REFERENCE.get("categorical").forEach(cases::add);
        return cases.stream();
    }

    static Stream<JsonNode> binary() {
        List<JsonNode> cases = new ArrayList<>();
        REFERENCE.get("binary").forEach(cases::add);
        return cases.stream();
    }

    private static void assertClose(double expected, double actual, String what) {
        double tolerance = Math.max(1e-12, Math.abs(expected) * 1e-7);
        assertEquals(expected, actual, tolerance, what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numeric")
    void numericStatisticsMatchSciPy(JsonNode c) {
        double[] reference = sample(c.get("reference"));
        double[] current = sample(c.get("current"));
        String name = c.get("name").asText();
        DriftStatistics.TestResult ks = DriftStatistics.kolmogorovSmirnov(reference, current);
        assertClose(c.get("ks_statistic").asDouble(), ks.statistic(), name + " K-S statistic");
        assertEquals(c.get("ks_pvalue").asDouble(), ks.pValue(), Math.max(1e-12, c.get("ks_pvalue").asDouble() * 1e-9),
                name + " K-S p-value");
        assertClose(c.get("wasserstein_normed").asDouble(), DriftStatistics.wassersteinNormed(reference, current),
                name + " Wasserstein");
        double[][] shares = DriftStatistics.binnedShares(reference, current);
        assertClose(c.get("psi").asDouble(), DriftStatistics.psi(shares[0], shares[1]), name + " PSI");
        assertClose(c.get("jensenshannon").asDouble(), DriftStatistics.jensenShannon(shares[0], shares[1]),
                name + " Jensen-Shannon");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("categorical")
    void categoricalStatisticsMatchSciPy(JsonNode c) {
        TreeSet<String> keys = new TreeSet<>();
        c.get("reference").fieldNames().forEachRemaining(keys::add);
        c.get("current").fieldNames().forEachRemaining(keys::add);
        long[] ref = keys.stream().mapToLong(k -> c.get("reference").path(k).asLong(0)).toArray();
        long[] cur = keys.stream().mapToLong(k -> c.get("current").path(k).asLong(0)).toArray();
        String name = c.get("name").asText();
        DriftStatistics.TestResult chi = DriftStatistics.chiSquared(ref, cur);
        JsonNode statistic = c.get("chi2_statistic");
        assertEquals(statistic.isTextual() ? Double.POSITIVE_INFINITY : statistic.asDouble(), chi.statistic(), 1e-9,
                name + " chi-squared statistic");
        assertClose(c.get("chi2_pvalue").asDouble(), chi.pValue(), name + " chi-squared p-value");
        double nRef = java.util.Arrays.stream(ref).sum();
        double nCur = java.util.Arrays.stream(cur).sum();
        double[] refShares = java.util.Arrays.stream(ref).mapToDouble(v -> v / nRef).toArray();
        double[] curShares = java.util.Arrays.stream(cur).mapToDouble(v -> v / nCur).toArray();
        assertClose(c.get("psi").asDouble(), DriftStatistics.psi(refShares, curShares), name + " PSI");
        assertClose(c.get("jensenshannon").asDouble(), DriftStatistics.jensenShannon(refShares, curShares),
                name + " Jensen-Shannon");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binary")
    void zTestMatchesSciPy(JsonNode c) {
        TreeSet<String> keys = new TreeSet<>();
        c.get("reference").fieldNames().forEachRemaining(keys::add);
        c.get("current").fieldNames().forEachRemaining(keys::add);
        String first = keys.first();
        long refRows = sum(c.get("reference"));
        long curRows = sum(c.get("current"));
        DriftStatistics.TestResult z = DriftStatistics.zTest(c.get("reference").path(first).asLong(0), refRows,
                c.get("current").path(first).asLong(0), curRows);
        assertClose(c.get("z_statistic").asDouble(), z.statistic(), "z statistic");
        assertClose(c.get("z_pvalue").asDouble(), z.pValue(), "z p-value");
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }
}
