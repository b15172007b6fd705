package dev.mlops.core.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A frame's profile: each column's {@link ColumnProfile}, the Pearson correlations between numeric
 * columns, Cramér's V between categorical ones, and, when a target is named, every other column's
 * association with it, strongest first (|Pearson| or η for a numeric target, Cramér's V or η for a
 * categorical one). Immutable; {@link #toJson()} and {@link #fromJson(String)} round-trip it.
 *
 * @param rowCount           rows profiled
 * @param columns            one profile per column, in frame order
 * @param pearson            correlation of each pair of numeric columns, as a nested map
 * @param cramersV           Cramér's V of each pair of categorical columns, as a nested map
 * @param target             the target column, or null
 * @param targetAssociations association of each other numeric or categorical column with the target,
 *                           strongest first (NaN, undefined, last)
 * @since 0.1
 */
public record DataProfile(long rowCount, List<ColumnProfile> columns, Map<String, Map<String, Double>> pearson,
        Map<String, Map<String, Double>> cramersV, String target, Map<String, Double> targetAssociations) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a repeated key or a second value would let one text mean two things
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public DataProfile {
        columns = List.copyOf(columns);
        pearson = copy(pearson);
        cramersV = copy(cramersV);
        targetAssociations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targetAssociations));
    }

    /** The profile of {@code frame} without a target. */
    public static DataProfile of(Frame frame) {
        return build(frame, null);
    }

    /**
     * The profile of {@code frame} with the associations of every column with {@code target}.
     *
     * @throws IllegalArgumentException if the target is absent or neither numeric nor categorical
     */
    public static DataProfile of(Frame frame, String target) {
        Column column = frame.column(target);
        if (!(column instanceof NumericColumn) && !(column instanceof CategoricalColumn)) {
            throw new IllegalArgumentException("target '" + target + "' must be numeric or categorical, not "
                    + column.type());
        }
        return build(frame, target);
    }

    /** The profile of the column called {@code name}, if profiled. */
    public Optional<ColumnProfile> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The profile as JSON (NaN written as the string "NaN"). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JacksonException e) {
            throw new IllegalStateException("a profile holds only plain data and always serializes", e);
        }
    }

    /**
     * The profile a JSON text describes.
     *
     * @throws DataException when the text is not a valid profile
     */
    public static DataProfile fromJson(String json) {
        try {
            DataProfile profile = JSON.readValue(json, DataProfile.class);
            if (profile == null) {
                throw new DataException("profile JSON", 0, null, null, "holds no profile");
            }
            return profile;
        } catch (JacksonException e) {
            throw new DataException("profile JSON", e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, null,
                    "is not a valid profile: " + e.getOriginalMessage(), e);
        }
    }

    private static DataProfile build(Frame frame, String target) {
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
        Map<String, Map<String, Double>> pearson = symmetric(numbers, (a, b) -> a == b ? 1.0
                : Associations.pearson(a, b));
        Map<String, Map<String, Double>> cramers = symmetric(labels, Associations::cramersV);
        Map<String, Double> associations = new LinkedHashMap<>();
        if (target != null) {
            Column t = frame.column(target);
            List<Map.Entry<String, Double>> scores = new ArrayList<>();
            for (NumericColumn n : numbers) {
                if (!n.name().equals(target)) {
                    scores.add(Map.entry(n.name(), t instanceof NumericColumn tn ? Math.abs(Associations.pearson(n, tn))
                            : Associations.correlationRatio((CategoricalColumn) t, n)));
                }
            }
            for (CategoricalColumn c : labels) {
                if (!c.name().equals(target)) {
                    scores.add(Map.entry(c.name(), t instanceof CategoricalColumn tc ? Associations.cramersV(c, tc)
                            : Associations.correlationRatio(c, (NumericColumn) t)));
                }
            }
            scores.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> Double.isNaN(e.getValue())
                    ? Double.NEGATIVE_INFINITY : e.getValue()).reversed().thenComparing(Map.Entry::getKey));
            scores.forEach(e -> associations.put(e.getKey(), e.getValue()));
        }
        return new DataProfile(frame.rowCount(), profiles, pearson, cramers, target, associations);
    }

    /** A measure of every pair, computed once per unordered pair since each measure is symmetric. */
    private static <C extends Column> Map<String, Map<String, Double>> symmetric(List<C> columns,
            java.util.function.ToDoubleBiFunction<C, C> measure) {
        double[][] values = new double[columns.size()][columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            for (int j = i; j < columns.size(); j++) {
                values[i][j] = measure.applyAsDouble(columns.get(i), columns.get(j));
                values[j][i] = values[i][j];
            }
        }
        Map<String, Map<String, Double>> result = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int j = 0; j < columns.size(); j++) {
                row.put(columns.get(j).name(), values[i][j]);
            }
            result.put(columns.get(i).name(), row);
        }
        return result;
    }

    private static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> nested) {
        Map<String, Map<String, Double>> result = new LinkedHashMap<>();
        nested.forEach((k, v) -> result.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return java.util.Collections.unmodifiableMap(result);
    }
}
