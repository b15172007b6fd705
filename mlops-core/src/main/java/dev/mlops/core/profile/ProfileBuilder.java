package dev.mlops.core.profile;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;

/** Computes a {@link DataProfile}; see {@link Profiler} for the settings and the cost. */
final class ProfileBuilder {

    private ProfileBuilder() {
    }

    static DataProfile build(Frame frame, String target, int correlationColumns) {
        Column targetColumn = target == null ? null : frame.column(target);
        if (targetColumn != null && !(targetColumn instanceof NumericColumn)
                && !(targetColumn instanceof CategoricalColumn)) {
            throw new IllegalArgumentException("target '" + target + "' must be numeric or categorical, not "
                    + targetColumn.type());
        }
        List<ColumnProfile> profiles = frame.columns().stream().map(ColumnProfile::of).toList();
        List<NumericColumn> numbers = new ArrayList<>();
        List<CategoricalColumn> labels = new ArrayList<>();
        for (Column column : frame.columns()) {
            if (column instanceof NumericColumn n) {
                numbers.add(n);
            } else if (column instanceof CategoricalColumn c) {
                labels.add(c);
            }
        }
        Map<String, Double> associations = targetColumn == null ? Map.of()
                : targetAssociations(targetColumn, numbers, labels);
        List<NumericColumn> keptNumbers = kept(numbers, correlationColumns, target, associations);
        List<CategoricalColumn> keptLabels = kept(labels, correlationColumns, target, associations);
        boolean truncated = keptNumbers.size() < numbers.size() || keptLabels.size() < labels.size();
        CorrelationScope scope = new CorrelationScope(correlationColumns, !truncated ? CorrelationScope.Selection.ALL
                : target != null ? CorrelationScope.Selection.STRONGEST_TARGET_ASSOCIATION
                : CorrelationScope.Selection.FRAME_ORDER, truncated, names(keptNumbers), numbers.size(),
                names(keptLabels), labels.size());
        return new DataProfile(frame.rowCount(), profiles, PearsonMatrix.of(keptNumbers),
                symmetric(keptLabels, Associations::cramersV), target, associations, scope);
    }

    /** Every other numeric or categorical column's association with the target, strongest first. */
    private static Map<String, Double> targetAssociations(Column target, List<NumericColumn> numbers,
            List<CategoricalColumn> labels) {
        List<Map.Entry<String, Double>> scores = new ArrayList<>();
        for (NumericColumn n : numbers) {
            if (n != target) {
                scores.add(Map.entry(n.name(), target instanceof NumericColumn t ? Math.abs(Associations.pearson(n, t))
                        : Associations.correlationRatio((CategoricalColumn) target, n)));
            }
        }
        for (CategoricalColumn c : labels) {
            if (c != target) {
                scores.add(Map.entry(c.name(), target instanceof CategoricalColumn t ? Associations.cramersV(c, t)
                        : Associations.correlationRatio(c, (NumericColumn) target)));
            }
        }
        scores.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> Double.isNaN(e.getValue())
                ? Double.NEGATIVE_INFINITY : e.getValue()).reversed().thenComparing(Map.Entry::getKey));
        Map<String, Double> ordered = new LinkedHashMap<>();
        scores.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /**
     * The columns a matrix covers, in frame order: all when there are no more than the limit; else the
     * target and the columns strongest associated with it, or without a target the first in frame order.
     */
    private static <C extends Column> List<C> kept(List<C> columns, int limit, String target,
            Map<String, Double> associations) {
        if (columns.size() <= limit) {
            return columns;
        }
        if (target == null) {
            return columns.subList(0, limit);
        }
        Set<String> chosen = new HashSet<>();
        if (limit > 0 && columns.stream().anyMatch(c -> c.name().equals(target))) {
            chosen.add(target);
        }
        Set<String> ofKind = new HashSet<>(names(columns));
        for (String name : associations.keySet()) {
            if (chosen.size() == limit) {
                break;
            }
            if (ofKind.contains(name)) {
                chosen.add(name);
            }
        }
        return columns.stream().filter(c -> chosen.contains(c.name())).toList();
    }

    private static List<String> names(List<? extends Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    /** A measure of every pair, computed once per unordered pair since each measure is symmetric. */
    static <C extends Column> Map<String, Map<String, Double>> symmetric(List<C> columns,
            ToDoubleBiFunction<C, C> measure) {
        double[][] values = new double[columns.size()][columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            for (int j = i; j < columns.size(); j++) {
                values[i][j] = measure.applyAsDouble(columns.get(i), columns.get(j));
                values[j][i] = values[i][j];
            }
        }
        return nested(columns, values);
    }

    /** The matrix as a map of rows, each a map from column name to value, in column order. */
    static Map<String, Map<String, Double>> nested(List<? extends Column> columns, double[][] values) {
        Map<String, Map<String, Double>> result = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int j = 0; j < columns.size(); j++) {
                row.put(columns.get(j).name(), values[i][j]);
            }
            result.put(columns.get(i).name(), Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableMap(result);
    }
}
