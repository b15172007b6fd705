package dev.mlops.core.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.core.internal.ShortText;
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
 * <p>Bounded: the pairwise matrices cover at most {@value #DEFAULT_CORRELATION_COLUMNS} columns of
 * each kind by default (see {@link Profiler#correlationColumns(int)}), so a frame of thousands of
 * columns gets a profile whose time and size grow linearly with its columns. {@link #correlationScope()}
 * records which columns the matrices kept and whether any were left out; every column still has its
 * own statistics and its target association. {@link Profiler} states the cost in full.
 *
 * @param rowCount           rows profiled
 * @param columns            one profile per column, in frame order
 * @param pearson            correlation of each pair of numeric columns the scope covers, as a nested map
 * @param cramersV           Cramér's V of each pair of categorical columns the scope covers, as a nested map
 * @param target             the target column, or null
 * @param targetAssociations association of each other numeric or categorical column with the target,
 *                           strongest first (NaN, undefined, last)
 * @param correlationScope   which columns the matrices cover; for a profile written before the bound
 *                           existed (no scope in its JSON), every column, unbounded
 * @since 0.1
 */
public record DataProfile(long rowCount, List<ColumnProfile> columns, Map<String, Map<String, Double>> pearson,
        Map<String, Map<String, Double>> cramersV, String target, Map<String, Double> targetAssociations,
        CorrelationScope correlationScope) {

    /** How many columns of each kind the pairwise matrices cover by default. */
    public static final int DEFAULT_CORRELATION_COLUMNS = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a repeated key or a second value would let one text mean two things
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the correlation scope names other columns than the matrices hold
     */
    public DataProfile {
        columns = List.copyOf(columns);
        pearson = copy(pearson);
        cramersV = copy(cramersV);
        targetAssociations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targetAssociations));
        if (correlationScope == null) {
            List<String> numeric = List.copyOf(pearson.keySet());
            List<String> categorical = List.copyOf(cramersV.keySet());
            correlationScope = new CorrelationScope(Integer.MAX_VALUE, CorrelationScope.Selection.ALL, false, numeric,
                    numeric.size(), categorical, categorical.size());
        }
        if (!correlationScope.numeric().equals(List.copyOf(pearson.keySet()))
                || !correlationScope.categorical().equals(List.copyOf(cramersV.keySet()))) {
            throw new IllegalArgumentException("the correlation scope names the columns " + correlationScope.numeric()
                    + " and " + correlationScope.categorical() + " but the matrices cover " + pearson.keySet() + " and "
                    + cramersV.keySet());
        }
    }

    /** A profiler with the defaults: no target, matrices of at most {@value #DEFAULT_CORRELATION_COLUMNS} columns. */
    public static Profiler profiler() {
        return new Profiler(null, DEFAULT_CORRELATION_COLUMNS);
    }

    /** The profile of {@code frame} without a target, with the default bound. */
    public static DataProfile of(Frame frame) {
        return profiler().profile(frame);
    }

    /**
     * The profile of {@code frame} with the associations of every column with {@code target}, with the
     * default bound (the matrices keep the columns most associated with the target).
     *
     * @throws IllegalArgumentException if the target is absent or neither numeric nor categorical
     */
    public static DataProfile of(Frame frame, String target) {
        return profiler().target(target).profile(frame);
    }

    /** The profile of the column called {@code name}, if profiled. */
    public Optional<ColumnProfile> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * A short table: one line per column (type, missing share, distinct values, and the range and
     * mean of a number or the most frequent values of a category), then the strongest links to the
     * target. The whole profile is in {@link #toJson()}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "Profile of %,d rows x %d columns%s%n",
                rowCount, columns.size(), target == null ? "" : ", target '" + ShortText.line(target, 40) + "'"));
        int nameWidth = Math.max(1, Math.min(24, columns.stream().mapToInt(c -> c.name().length()).max().orElse(4)));
        for (ColumnProfile column : columns) {
            String name = ShortText.line(column.name(), nameWidth);
            String detail;
            if (column.numeric() != null) {
                NumericSummary n = column.numeric();
                detail = String.format(java.util.Locale.ROOT, "%.4g .. %.4g, mean %.4g", n.min(), n.max(), n.mean());
            } else {
                detail = column.topCategories().entrySet().stream().limit(3)
                        .map(e -> ShortText.line(e.getKey(), 24) + " " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "));
            }
            text.append(String.format(java.util.Locale.ROOT, "  %-" + nameWidth + "s  %-11s %6.2f%% missing %8d distinct  %s%n",
                    name, column.type().jsonName(), 100 * column.missingRatio(), column.distinct(), detail));
        }
        if (!targetAssociations.isEmpty()) {
            text.append("  strongest links to the target: ").append(targetAssociations.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(5)
                    .map(e -> String.format(java.util.Locale.ROOT, "%s %.3f", ShortText.line(e.getKey(), 24), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "))).append('\n');
        }
        return text.toString();
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

    private static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> nested) {
        Map<String, Map<String, Double>> result = new LinkedHashMap<>();
        nested.forEach((k, v) -> result.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return java.util.Collections.unmodifiableMap(result);
    }
}
