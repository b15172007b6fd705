package dev.mlops.core.profile;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.FieldType;
import dev.mlops.api.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One column's profile.
 *
 * @param name          the column
 * @param type          its type
 * @param count         rows
 * @param missing       missing values
 * @param distinct      distinct non-missing values (exact; NaN counts as one value)
 * @param numeric       statistics of a numeric column's finite values, or null for other types or none
 * @param topCategories up to {@value #TOP} most frequent labels with their counts, most frequent first
 *                      (ties by label), for categorical, boolean and text columns; empty otherwise
 * @since 0.1
 */
public record ColumnProfile(String name, FieldType type, long count, long missing, long distinct,
        NumericSummary numeric, Map<String, Long> topCategories) {

    /** How many top categories a profile keeps. */
    public static final int TOP = 10;

    public ColumnProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        topCategories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(topCategories));
    }

    /** The share of missing values, 0 for an empty column. */
    public double missingRatio() {
        return count == 0 ? 0 : (double) missing / count;
    }

    static ColumnProfile of(Column column) {
        if (column instanceof NumericColumn numeric) {
            double[] finite = new double[numeric.size()];
            int n = 0;
            long nonFinite = 0;
            for (int row = 0; row < numeric.size(); row++) {
                if (numeric.isMissing(row)) {
                    continue;
                }
                double v = numeric.value(row);
                if (Double.isFinite(v)) {
                    finite[n++] = v;
                } else {
                    nonFinite++;
                }
            }
            double[] sorted = Arrays.copyOf(finite, n);
            Arrays.sort(sorted);
            long distinct = n == 0 ? 0 : 1;
            for (int i = 1; i < n; i++) {
                if (sorted[i] != sorted[i - 1]) {
                    distinct++;
                }
            }
            distinct += distinctNonFinite(numeric);
            return new ColumnProfile(column.name(), column.type(), column.size(), column.missingCount(), distinct,
                    NumericSummary.of(sorted, nonFinite), Map.of());
        }
        Map<String, Long> counts = new HashMap<>();
        if (column instanceof CategoricalColumn categorical) {
            long[] byCode = new long[categorical.dictionarySize()];
            for (int row = 0; row < categorical.size(); row++) {
                int code = categorical.code(row);
                if (code != CategoricalColumn.MISSING) {
                    byCode[code]++;
                }
            }
            for (int code = 0; code < byCode.length; code++) {
                if (byCode[code] > 0) {
                    counts.put(categorical.label(code), byCode[code]);
                }
            }
        } else {
            for (int row = 0; row < column.size(); row++) {
                Object value = column.get(row);
                if (value != null) {
                    counts.merge(value.toString(), 1L, Long::sum);
                }
            }
            if (column.type() == FieldType.TIMESTAMP) {
                return new ColumnProfile(column.name(), column.type(), column.size(), column.missingCount(),
                        counts.size(), null, Map.of());
            }
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> top = new LinkedHashMap<>();
        entries.stream().limit(TOP).forEach(e -> top.put(e.getKey(), e.getValue()));
        return new ColumnProfile(column.name(), column.type(), column.size(), column.missingCount(), counts.size(),
                null, top);
    }

    private static long distinctNonFinite(NumericColumn column) {
        boolean nan = false;
        boolean plus = false;
        boolean minus = false;
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                double v = column.value(row);
                nan |= Double.isNaN(v);
                plus |= v == Double.POSITIVE_INFINITY;
                minus |= v == Double.NEGATIVE_INFINITY;
            }
        }
        return (nan ? 1 : 0) + (plus ? 1 : 0) + (minus ? 1 : 0);
    }
}
