package dev.mlops.core.drift;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.internal.NumericValues;
import dev.mlops.core.internal.StrictJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compact drift reference that travels in a model bundle: per numeric, categorical or boolean
 * column a {@link ColumnBaseline} (label counts, or a sorted sketch of at most
 * {@value #SKETCH_POINTS} values). {@link #reference()} gives the {@link DriftReference} that tests
 * current data against it, with Evidently's default choice of test made on the full reference's
 * size, so a live window and a batch comparison on the same data give the same scores.
 *
 * <p>Error from the sketch: none for label columns and for numeric columns of at most
 * {@value #SKETCH_POINTS} finite values (the sketch is then the data). Beyond that, the sketch's
 * distribution function is within {@code 1 / (SKETCH_POINTS - 1) = 0.0005} of the full one, so a
 * K-S statistic moves by at most 0.0005 and a binned share by at most 0.0005 per bin; the normed
 * Wasserstein distance is reported on the sketch (the test {@code DriftBaselineTest} bounds its
 * difference from the full data's on Adult).
 *
 * @param columns the columns, in order
 * @since 0.1
 */
public record DriftBaseline(List<ColumnBaseline> columns) {

    /** The most values a numeric column's sketch keeps. */
    public static final int SKETCH_POINTS = 2_001;


    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if two columns share a name
     */
    public DriftBaseline {
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (ColumnBaseline column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("the baseline names column '" + column.name() + "' twice");
            }
        }
    }

    /** The baseline of every numeric, categorical and boolean column of {@code reference}. */
    public static DriftBaseline of(Frame reference) {
        List<ColumnBaseline> columns = new ArrayList<>();
        for (Column column : reference.columns()) {
            if (column instanceof NumericColumn numeric) {
                double[] sorted = NumericValues.finiteSorted(numeric);
                columns.add(new ColumnBaseline(column.name(), true, sorted.length, column.size() - sorted.length,
                        sketch(sorted), fewValues(sorted)));
            } else if (column instanceof CategoricalColumn || column instanceof BooleanColumn) {
                Map<String, Long> counts = new LinkedHashMap<>();
                long missing = 0;
                for (int row = 0; row < column.size(); row++) {
                    Object value = column.get(row);
                    if (value == null) {
                        missing++;
                    } else {
                        counts.merge(value.toString(), 1L, Long::sum);
                    }
                }
                columns.add(new ColumnBaseline(column.name(), false, column.size() - missing, missing, null,
                        counts));
            }
        }
        return new DriftBaseline(columns);
    }

    /** Each value's count, when the sorted values hold at most {@value DriftMethod#LOW_CARDINALITY} distinct ones. */
    static Map<String, Long> fewValues(double[] sorted) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (double v : sorted) {
            counts.merge(Double.toString(v), 1L, Long::sum);
            if (counts.size() > DriftMethod.LOW_CARDINALITY) {
                return Map.of();
            }
        }
        return counts;
    }

    /** Every value when there are few, otherwise {@value #SKETCH_POINTS} evenly spaced order statistics. */
    static double[] sketch(double[] sorted) {
        if (sorted.length <= SKETCH_POINTS) {
            return sorted;
        }
        double[] kept = new double[SKETCH_POINTS];
        double step = (sorted.length - 1) / (double) (SKETCH_POINTS - 1);
        for (int i = 0; i < SKETCH_POINTS; i++) {
            kept[i] = sorted[(int) Math.round(i * step)];
        }
        return kept;
    }

    /** The column named {@code name}, if the baseline has it. */
    public Optional<ColumnBaseline> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The column names, in order. */
    public List<String> names() {
        return columns.stream().map(ColumnBaseline::name).toList();
    }

    /** The drift reference over this baseline, with the default tests and thresholds. */
    public DriftReference reference() {
        return DriftReference.of(this);
    }

    /** The baseline as JSON. */
    public String toJson() {
        return StrictJson.write(this);
    }

    /**
     * The baseline a JSON text describes.
     *
     * @throws DataException saying what is wrong, when the text is not a valid baseline
     */
    public static DriftBaseline fromJson(String json) {
        return StrictJson.read(json, DriftBaseline.class, "drift baseline JSON");
    }

    @Override
    public String toString() {
        return "DriftBaseline" + columns;
    }
}
