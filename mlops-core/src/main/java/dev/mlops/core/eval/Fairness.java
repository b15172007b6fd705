package dev.mlops.core.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Group fairness of a binary decision, as Fairlearn defines it. For each group: the selection rate
 * (share predicted positive) and the true positive rate (share of actual positives predicted
 * positive). Then:
 *
 * <ul>
 *   <li>demographic parity difference: largest minus smallest selection rate (0 is parity);</li>
 *   <li>demographic parity ratio: smallest over largest selection rate (1 is parity; the "80% rule"
 *       asks for at least 0.8);</li>
 *   <li>equal opportunity difference: largest minus smallest true positive rate, over the groups
 *       that have actual positives (a group without any has no true positive rate).</li>
 * </ul>
 *
 * @param column                     the group column
 * @param positive                   the favourable label
 * @param sizes                      rows per group
 * @param selectionRates             share predicted positive, per group
 * @param truePositiveRates          true positive rate per group (NaN without actual positives)
 * @param demographicParityDifference max minus min selection rate
 * @param demographicParityRatio     min over max selection rate (NaN when no group is selected)
 * @param equalOpportunityDifference max minus min true positive rate
 * @since 0.1
 */
public record Fairness(String column, String positive, Map<String, Integer> sizes, Map<String, Double> selectionRates,
        Map<String, Double> truePositiveRates, double demographicParityDifference, double demographicParityRatio,
        double equalOpportunityDifference) {

    /** The label used for rows whose group value is missing. */
    public static final String MISSING_GROUP = "(missing)";

    public Fairness {
        sizes = Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
        selectionRates = Collections.unmodifiableMap(new LinkedHashMap<>(selectionRates));
        truePositiveRates = Collections.unmodifiableMap(new LinkedHashMap<>(truePositiveRates));
    }

    /**
     * Fairness of {@code predicted} labels against {@code actual}, by {@code groups}.
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static Fairness of(String column, String positive, List<String> groups, List<String> actual,
            List<String> predicted) {
        Objects.requireNonNull(positive, "positive");
        int n = groups.size();
        if (actual.size() != n || predicted.size() != n) {
            throw new IllegalArgumentException("groups, actual and predicted differ in length: " + n + ", "
                    + actual.size() + ", " + predicted.size());
        }
        if (n == 0) {
            throw new IllegalArgumentException("no rows");
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (int row = 0; row < n; row++) {
            String group = groups.get(row) == null ? MISSING_GROUP : groups.get(row);
            int[] c = counts.computeIfAbsent(group, g -> new int[4]);
            boolean selected = positive.equals(predicted.get(row));
            boolean actualPositive = positive.equals(actual.get(row));
            c[0]++;
            c[1] += selected ? 1 : 0;
            c[2] += actualPositive ? 1 : 0;
            c[3] += selected && actualPositive ? 1 : 0;
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, Double> selection = new LinkedHashMap<>();
        Map<String, Double> tpr = new LinkedHashMap<>();
        counts.forEach((group, c) -> {
            sizes.put(group, c[0]);
            selection.put(group, (double) c[1] / c[0]);
            tpr.put(group, c[2] == 0 ? Double.NaN : (double) c[3] / c[2]);
        });
        double maxSelection = selection.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double minSelection = selection.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double[] rates = tpr.values().stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        double opportunity = rates.length == 0 ? Double.NaN
                : java.util.Arrays.stream(rates).max().orElseThrow() - java.util.Arrays.stream(rates).min().orElseThrow();
        return new Fairness(column, positive, sizes, selection, tpr, maxSelection - minSelection,
                maxSelection == 0 ? Double.NaN : minSelection / maxSelection, opportunity);
    }
}
